"""A small hand-written map of general German colloquialisms and abbreviations to the words officials write.

Only general everyday usage belongs here (what any German speaker means by "Perso" or "Knöllchen"); anything specific
to one service belongs in that document's `keywords`, which the index reads itself.
Keys and values are plain lower-case words; the analyser applies its own normalisation to both.
"""

from __future__ import annotations

COLLOQUIAL: dict[str, tuple[str, ...]] = {
    "perso": ("personalausweis",),
    "persos": ("personalausweis",),
    "knöllchen": ("verwarnungsgeld", "strafzettel"),
    "knolle": ("verwarnungsgeld", "strafzettel"),
    "strafzettel": ("verwarnungsgeld",),
    "lappen": ("führerschein",),
    "kfz": ("fahrzeug",),
    "auto": ("fahrzeug",),
    "karre": ("fahrzeug",),
    "pkw": ("fahrzeug",),
    "nummernschild": ("kennzeichen",),
    "kennzeichen": ("nummernschild",),
    "kita": ("kindertagesstätte",),
    "kiga": ("kindergarten",),
    "hartz": ("bürgergeld",),
    "bürgeramt": ("bürgerbüro", "bürgerservice"),
    "handy": ("mobiltelefon",),
    "heiraten": ("eheschließung",),
    "hochzeit": ("eheschließung",),
    "umzug": ("umziehen",),
    "job": ("arbeit",),
    "visum": ("aufenthaltstitel",),
    "geblitzt": ("bußgeld",),
}

# Everyday English words of non-native citizens mixing languages, mapped to the German words of the documents.
# A general glossary of administrative vocabulary, not a list of questions.
ENGLISH: dict[str, tuple[str, ...]] = {
    "id": ("personalausweis",), "card": ("ausweis",), "passport": ("reisepass",), "visa": ("visum", "aufenthaltstitel"),
    "residence": ("aufenthalt", "wohnsitz"), "permit": ("erlaubnis", "genehmigung"), "register": ("anmelden",),
    "registration": ("anmeldung",), "deregister": ("abmelden",), "address": ("adresse", "wohnsitz"),
    "move": ("umzug", "umziehen"), "moved": ("umzug", "zuzug"), "apartment": ("wohnung",), "flat": ("wohnung",),
    "rent": ("miete",), "car": ("fahrzeug", "auto"), "vehicle": ("fahrzeug",), "license": ("erlaubnis",),
    "licence": ("erlaubnis",), "driving": ("führerschein", "fahrerlaubnis"), "parking": ("parken",),
    "fine": ("bußgeld", "verwarnungsgeld"), "ticket": ("strafzettel",), "dog": ("hund",), "tax": ("steuer",),
    "birth": ("geburt",), "born": ("geburt", "geboren"), "baby": ("geburt", "kind"), "child": ("kind",),
    "children": ("kinder",), "kids": ("kinder",), "son": ("sohn", "kind"), "daughter": ("tochter", "kind"),
    "mother": ("mutter",), "father": ("vater",), "single": ("alleinerziehend",), "marry": ("heiraten", "eheschließung"),
    "married": ("verheiratet", "ehe"), "wedding": ("hochzeit", "eheschließung"), "died": ("sterbefall",),
    "death": ("sterbefall", "tod"), "school": ("schule",), "kindergarten": ("kita",), "daycare": ("kita",),
    "money": ("geld",), "benefit": ("leistung",), "unemployed": ("arbeitslos", "bürgergeld"), "job": ("arbeit",),
    "pension": ("rente",), "business": ("gewerbe",), "shop": ("gewerbe", "laden"), "company": ("gewerbe", "firma"),
    "citizenship": ("einbürgerung", "staatsangehörigkeit"), "citizen": ("bürger",), "german": ("deutsch",),
    "lost": ("verloren", "fundbüro"), "found": ("gefunden", "fundbüro"), "wallet": ("geldbörse", "fundbüro"),
    "stolen": ("gestohlen", "diebstahl"), "garbage": ("müll",), "trash": ("müll",), "waste": ("abfall", "müll"),
    "furniture": ("möbel", "sperrmüll"), "battery": ("batterie",), "batteries": ("batterien",),
    "electronics": ("elektroschrott",), "laptop": ("elektroschrott", "elektrogerät"), "lamps": ("lampen",),
    "tree": ("baum",), "noise": ("ruhestörung", "lärm"), "neighbour": ("nachbar",), "neighbor": ("nachbar",),
    "appointment": ("termin",), "office": ("amt", "bürgerbüro"), "phone": ("telefon",), "opening": ("öffnungszeiten",),
    "hours": ("öffnungszeiten",), "certificate": ("bescheinigung", "urkunde", "zeugnis"), "conduct": ("führungszeugnis",),
    "criminal": ("führungszeugnis",), "record": ("führungszeugnis",), "vote": ("wahl",), "election": ("wahl",),
    "church": ("kirche",), "disabled": ("behinderung",), "disability": ("behinderung",), "wheelchair": ("rollstuhl",),
    "build": ("bauen",), "building": ("bau", "baugenehmigung"), "house": ("haus",), "chatbot": ("ki", "assistent"),
    "bot": ("ki", "assistent"), "ai": ("ki",), "data": ("daten",), "trust": ("vertrauen",), "travel": ("reise",),
    "expire": ("ablaufen", "verlängern"), "expired": ("abgelaufen",), "renew": ("verlängern",),
}

ENGLISH_STOPWORDS: frozenset[str] = frozenset("""
i me my we our you your he she it they them their a an the is am are was were be been do does did have has had
to of in on at for from with and or but not no what which who whom how when where why can could must should would
will shall this that these those there here just now new old want need get give go going come came please
anymore thing things so very also about into out up down any some all because if than then too
""".split())
