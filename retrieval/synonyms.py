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
    "blitzer": ("bußgeld",),
    "blitzerfoto": ("bußgeld", "geblitzt", "anhörung"),
    "radarfoto": ("bußgeld", "geblitzt", "anhörung"),
    "radarfalle": ("bußgeld", "geblitzt"),
    # everyday verbs (separable ones arrive joined: "mache ... zu" -> "zumachen", see retrieval.query)
    "kriegen": ("bekommen",),
    "zumachen": ("schließen", "aufgeben"),
    "dichtmachen": ("schließen", "aufgeben"),
    "aufmachen": ("eröffnen", "geöffnet"),
    "aufhaben": ("geöffnet", "öffnungszeiten"),
    "herziehen": ("zuzug", "zuziehen"),
    "herkommen": ("zuzug",),
    "wegziehen": ("wegzug",),
    "wegzuziehen": ("wegzug",),
    "anrufen": ("telefon", "kontakt"),
    "sterben": ("sterbefall", "tod"),
    "tot": ("sterbefall", "tod"),
    "verstorben": ("sterbefall",),
    # everyday nouns
    "laden": ("geschäft", "gewerbe"),
    # a business one opens is a Gewerbe to register
    "café": ("gewerbe", "gaststätte"), "cafe": ("gewerbe", "gaststätte"), "restaurant": ("gewerbe", "gaststätte"),
    "kneipe": ("gewerbe", "gaststätte"), "imbiss": ("gewerbe", "gaststätte"),
    "eröffnen": ("gewerbe", "anmelden"),
    "hotline": ("telefon", "kontakt"),
    "vermieter": ("wohnungsgeber",),
    "vermieterin": ("wohnungsgeber",),
    "papiere": ("unterlagen", "dokumente"),
    "zettel": ("formular", "bescheinigung"),
    "stütze": ("bürgergeld",),
    "arbeitsamt": ("jobcenter", "agentur für arbeit"),
    "ausländeramt": ("ausländerbehörde",),
    "meldeamt": ("bürgerbüro", "meldebehörde"),
    "einwohnermeldeamt": ("bürgerbüro", "meldebehörde"),
    "mucke": ("musik", "lärm", "ruhestörung"),
    "krach": ("lärm", "ruhestörung"),
    # a stopgap ID until the real one is ready
    "übergangsweise": ("vorläufig",), "übergangsausweis": ("vorläufiger personalausweis",),
    "notausweis": ("vorläufiger personalausweis",), "ersatzausweis": ("vorläufiger personalausweis",),
    "behelfsausweis": ("vorläufiger personalausweis",),
    # the colloquial names of what the Landeshundegesetz calls dangerous dogs (higher dog tax, permit)
    "kampfhund": ("gefährlicher hund",), "kampfhunde": ("gefährliche hunde",), "listenhund": ("gefährlicher hund",),
    "listenhunde": ("gefährliche hunde",),
    "farbeimer": ("farben", "lacke", "schadstoffe"),
    "farbreste": ("farben", "lacke", "schadstoffe"),
    "schrottplatz": ("verschrottung",),
    "verschrotten": ("verschrottung",),
    "couch": ("sofa", "möbel", "sperrmüll"),
    # household appliances are what the waste rules call Elektrogeräte
    "waschmaschine": ("elektrogerät", "elektroschrott"),
    "kühlschrank": ("elektrogerät", "elektroschrott"),
    "fernseher": ("elektrogerät", "elektroschrott"),
    "trockner": ("elektrogerät", "elektroschrott"),
    "mikrowelle": ("elektrogerät", "elektroschrott"),
    "computer": ("elektrogerät", "elektroschrott"),
    "drucker": ("elektrogerät", "elektroschrott"),
    "selbstständig": ("gewerbe", "selbständig"),
    "selbständig": ("gewerbe",),
    "chatgpt": ("ki", "künstliche intelligenz", "chatbot"),
}

# Citizens name the country; the documents say "Ausland" (Wegzug ins Ausland, ausländische Dokumente).
COUNTRIES: tuple[str, ...] = tuple("""
spanien italien frankreich polen türkei griechenland portugal österreich schweiz niederlande holland belgien
rumänien bulgarien kroatien serbien ungarn tschechien russland ukraine syrien irak iran afghanistan marokko
tunesien ägypten indien china japan usa amerika kanada england großbritannien irland schweden norwegen dänemark
brasilien mexiko spain italy france poland turkey greece austria switzerland netherlands belgium romania bulgaria
croatia serbia hungary russia syria iraq afghanistan morocco egypt india china japan america canada england
britain ireland sweden norway denmark brazil mexico abroad
""".split())
COLLOQUIAL.update({c: ("ausland",) for c in COUNTRIES})

# Everyday English words of non-native citizens mixing languages, mapped to the German words of the documents.
# A general glossary of administrative vocabulary, not a list of questions.
# What moving to the city is called officially: "Ich bin nach Krefeld gezogen" asks for the Anmeldung
# (`retrieval.query.moves_into_city`), though "ziehen" and "anmelden" fill the Abmeldung page as well.
MOVING_IN: tuple[str, ...] = ("zuzug", "zugezogen", "anmeldung")

# Words that mean one thing only together, within one clause ("parking permit for residents", not "a resident of
# Krefeld"; "become a German citizen", not "citizen services").
TOGETHER: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = (
    (frozenset({"parking", "residents"}), ("bewohnerparkausweis",)),
    (frozenset({"parking", "resident"}), ("bewohnerparkausweis",)),
    (frozenset({"german", "citizen"}), ("einbürgerung",)),
    (frozenset({"become", "citizen"}), ("einbürgerung",)),
)

ENGLISH: dict[str, tuple[str, ...]] = {
    "id": ("personalausweis",), "card": ("ausweis",), "passport": ("reisepass",), "visa": ("visum", "aufenthaltstitel"),
    "residence": ("aufenthalt", "wohnsitz"), "permit": ("erlaubnis", "genehmigung"), "register": ("anmelden", "zulassen"),
    "registration": ("anmeldung", "zulassung"), "deregister": ("abmelden",), "address": ("adresse", "wohnsitz"),
    "move": ("umzug", "umziehen"), "moved": ("umzug", "zuzug"), "apartment": ("wohnung",), "flat": ("wohnung",),
    "rent": ("miete",), "car": ("fahrzeug", "auto"), "vehicle": ("fahrzeug",), "license": ("erlaubnis",),
    "licence": ("erlaubnis",), "driving": ("führerschein", "fahrerlaubnis"), "parking": ("parken", "parkausweis"),
    "bins": ("tonne", "mülltonne"), "emptied": ("geleert", "abfuhr"),  # "bin" is German ("ich bin")
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
    # buying, owning, paying
    "buy": ("kaufen",), "bought": ("gekauft",), "sell": ("verkaufen",), "sold": ("verkauft",),
    "used": ("gebraucht",), "owner": ("halter", "eigentümer"), "change": ("ändern", "wechsel"),
    "papers": ("unterlagen", "dokumente"), "documents": ("unterlagen", "dokumente"), "document": ("dokument",),
    "form": ("formular",), "forms": ("formular",), "apply": ("beantragen",), "application": ("antrag",),
    "cost": ("kosten",), "costs": ("kosten",), "price": ("kosten", "gebühr"), "fee": ("gebühr",),
    "fees": ("gebühren",), "pay": ("bezahlen", "kosten"), "free": ("kostenlos",),
    # moving in and out
    "leave": ("wegzug", "wegziehen"), "leaving": ("wegzug",), "tell": ("melden", "mitteilen"), "inform": ("mitteilen", "melden"),
    "notify": ("melden",), "report": ("melden",), "live": ("wohnen",), "living": ("wohnen",), "stay": ("bleiben",),
    "home": ("zuhause",), "landlord": ("wohnungsgeber", "vermieter"),
    # contact and opening hours
    "open": ("geöffnet", "eröffnen"), "closed": ("geschlossen",), "contact": ("kontakt",),
    "call": ("anrufen", "telefon"), "hotline": ("telefon", "kontakt"), "email": ("e-mail",),
    "monday": ("montag",), "tuesday": ("dienstag",), "wednesday": ("mittwoch",), "thursday": ("donnerstag",),
    "friday": ("freitag",), "saturday": ("samstag",), "morning": ("vormittag",), "afternoon": ("nachmittag",),
    "year": ("jahr",), "years": ("jahre",), "month": ("monat",), "months": ("monate",), "week": ("woche",),
    "weeks": ("wochen",), "day": ("tag",), "days": ("tage",), "germany": ("deutschland",),
    "moving": ("umzug", "umziehen"), "sign": ("schild", "unterschrift"), "signs": ("schilder",),
    "no-parking": ("halteverbot",),
    "wait": ("warten", "wartezeit"), "waiting": ("wartezeit",), "long": ("lange", "dauer"),
    "urgent": ("dringend", "sofort"), "quickly": ("schnell", "sofort"), "temporary": ("vorläufig",),
    "provisional": ("vorläufig",), "replacement": ("ersatz",),
    # family and life events
    "parents": ("eltern",), "parental": ("eltern", "elterngeld"), "wife": ("ehefrau",), "husband": ("ehemann",),
    "family": ("familie",), "pregnant": ("schwangerschaft",), "dead": ("sterbefall", "tod"),
    "funeral": ("bestattung",), "divorce": ("scheidung",), "custody": ("sorgerecht",),
    "paternity": ("vaterschaft",), "acknowledge": ("anerkennen",), "recognise": ("anerkennen",),
    "recognize": ("anerkennen",), "support": ("unterstützung", "unterhalt"), "grandmother": ("großmutter",),
    "elderly": ("senioren",), "seniors": ("senioren",),
    # money and help
    "income": ("einkommen",), "salary": ("einkommen",), "welfare": ("sozialhilfe", "bürgergeld"),
    "allowance": ("zuschuss", "geld"), "subsidy": ("zuschuss",), "help": ("hilfe",), "state": ("staat",),
    "club": ("verein",), "sports": ("sport",), "football": ("sport", "verein"),
    # things, waste, streets
    "broken": ("kaputt", "defekt"), "throw": ("entsorgen",), "dispose": ("entsorgen",), "rubbish": ("müll",),
    "fridge": ("kühlschrank", "elektrogerät"), "washing": ("waschmaschine", "elektrogerät"),
    "machine": ("gerät",), "sofa": ("sofa", "sperrmüll"), "couch": ("sofa", "sperrmüll"),
    "street": ("straße",), "road": ("straße",), "sidewalk": ("gehweg",), "pavement": ("gehweg",),
    "streetlight": ("straßenlaterne",), "streetlamp": ("straßenlaterne",), "lamp": ("laterne", "lampe"),
    "lantern": ("laterne",), "pothole": ("schlagloch",), "damage": ("schaden",),
    "loud": ("laut", "lärm"), "music": ("musik", "lärm"),
    "towed": ("abgeschleppt",), "plate": ("kennzeichen",), "plates": ("kennzeichen",),
    "insurance": ("versicherung",), "scrap": ("verschrottung",), "bike": ("fahrrad",), "bicycle": ("fahrrad",),
    "traffic": ("verkehr",), "roof": ("dach",), "garden": ("garten",), "cut": ("fällen",), "pet": ("haustier",),
    # identity, nationality, papers
    "nationality": ("staatsangehörigkeit",), "naturalisation": ("einbürgerung",),
    "naturalization": ("einbürgerung",), "foreigner": ("ausländer",), "immigration": ("ausländerbehörde",),
    "photo": ("foto", "lichtbild"), "picture": ("foto",), "copy": ("kopie", "beglaubigung"),
    "certified": ("beglaubigt", "beglaubigung"), "translation": ("übersetzung",), "signature": ("unterschrift",),
    "privacy": ("datenschutz",), "idea": ("idee",), "suggestion": ("vorschlag", "idee"),
    "participate": ("beteiligung", "mitmachen"), "future": ("zukunft",), "climate": ("klima",),
    "environment": ("umwelt",), "education": ("bildung",), "health": ("gesundheit",),
}

ENGLISH_STOPWORDS: frozenset[str] = frozenset("""
i me my we our you your he she it they them their a an the is am are was were be been do does did have has had
to of in on at for from with and or but not no what which who whom how when where why can could must should would
will shall this that these those there here just now new old want need get give go going come came please
anymore thing things so very also about into out up down any some all because if than then too
""".split())
