"""What a question asks for (Kosten, Unterlagen, Ablauf, ...), and which document section answers it.

Rules over the normalised question, because citizens ask the same few things in many words; the order of
`INTENTS` is the order sections appear in an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=32_768)
def fold(text: str) -> str:
    """Lower-case and fold umlaut spellings, so 'Gebuehr', 'gebühr' and 'Gebühr' match the same rule.

    Cached: the composer folds the same document sentences for every question."""
    t = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        t = t.replace(a, b)
    return t


@dataclass(frozen=True)
class Intent:
    name: str
    sections: tuple[str, ...]
    pattern: re.Pattern[str]


def _p(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(alternatives))


INTENTS: tuple[Intent, ...] = (
    Intent("voraussetzungen", ("Voraussetzungen",), _p(
        r"voraussetzung", r"bedingung", r"anspruch", r"berechtigt", r"\bwer (kann|darf|bekommt|muss)",
        r"\bdarf ich\b", r"\bbin ich\b.*\b(berechtigt|verpflichtet)",
        r"\bgilt (das|die|der)\b.*\bfuer\b", r"\bwer braucht", r"\bpflicht", r"\bab welchem alter", r"\bwie alt\b",
        r"\bbegruend", r"\bgrund (angeben|nennen)", r"\btrotzdem\b", r"\bzaehlt\b", r"\bangerechnet",
        r"\b(is|are) (it|this) (allowed|possible)", r"\bam i allowed", r"\bis (\w+ )?important")),
    Intent("ablauf", ("Ablauf",), _p(
        r"\bwie (beantrage|bekomme|mache|melde|kriege|gehe|funktioniert|laeuft|geht)", r"ablauf", r"vorgehen",
        r"schritt", r"\bwas (muss|soll|kann) ich\b.*\b(tun|machen)", r"\bwas tun\b", r"\bwie kann ich\b", r"\bwie stelle ich", r"\bwas ist zu tun",
        r"\bantrag stellen", r"\bhow (do|can) i\b", r"\bhow (is|does) (it|this) (go|work)", r"\bwas machen\b",
        r"\b(termin|platz) (buchen|vereinbaren|machen)", r"\bbuche?n?\b",
        r"\bwie komme ich an\b")),
    # What one gets at the end ("Welches Dokument erhalte ich?", "Bekomme ich eine Bestätigung?"): no section of
    # its own; the answer is the sentence that says "Sie bekommen ..." wherever it stands (see ANSWER_CUES).
    Intent("ergebnis", (), _p(
        r"\b(welche[snr]?|was fuer (ein|eine|einen)) (dokument|papier|bescheinigung|bestaetigung|nachweis|urkunde|"
        r"bescheid|unterlage)\w* (erhalte|bekomme|kriege|krieg)", r"\bwas (erhalte|bekomme|kriege|krieg) ich\b(?! (an|fuer)\b)",
        r"\b(erhalte|bekomme|kriege|krieg) ich (eine?n?|irgendeine?n?) (bestaetigung|bescheinigung|nachweis|quittung|"
        r"urkunde|bescheid|papier|dokument)", r"\bwhat do i get\b", r"\bdo i get (a|an|any) (paper|document|confirmation)")),
    Intent("unterlagen", ("Unterlagen",), _p(
        r"unterlagen", r"dokumente?n?\b", r"mitbringen", r"mitnehmen", r"nachweis", r"\bwas (brauche|benoetige)",
        r"\bwelche papiere", r"\bpapiere\b", r"formular", r"bescheinigung.*(brauche|mitbringen)",
        r"\bwhat (do )?i need", r"\b(need|have|must) (to )?bring\b", r"\bbrauch\b", r"\bdocuments?\b", r"\bpapers?\b", r"\bwhich .* need", r"\breicht\b.*\b(kopie|vertrag|ausweis|nachweis)", r"\bmitbringen",
        r"\bvorlegen", r"\bvorzeigen", r"\beinreichen", r"mitzubringen", r"mitzunehmen", r"vorzulegen",
        r"vorzuzeigen", r"einzureichen")),
    Intent("kosten", ("Kosten",), _p(
        r"kost", r"gebuehr", r"preis", r"\bteuer", r"\bbezahl", r"\bzahlen\b", r"\beuro\b", r"\bgratis",
        r"\bumsonst", r"\bgeld\b", r"aufschlag", r"zuschlag", r"\bporto\b", r"briefmarke", r"\bwie ?viel\b(?!e? ?(zeit|tage?|wochen|monate)\b)", r"hebesatz", r"beitrag",
        r"\bpay\b", r"\bprice", r"\bsteuer(satz|hoehe|betrag)", r"\bwie ?viel\b.*\b(zahl|kost|steuer)",
        r"\bzahl(e|st|t)\b", r"\bhoehe\b", r"\bbetrag\b", r"\bbetraege", r"\bsatz\b", r"\bsaetze",
        r"\bhow much", r"\bfee", r"\bcost")),
    Intent("fristen", ("Fristen",), _p(
        r"\bfrist", r"\bbis wann", r"spaetestens", r"rechtzeitig", r"\bwie lange (habe|hab) ich", r"deadline",
        r"\bzu spaet", r"\bwann muss ich", r"verspaet", r"\bgueltig", r"gueltigkeit", r"\blaeuft ab\b",
        r"abgelaufen", r"\bwie lange? gilt", r"\bim voraus", r"\bab wann\b", r"\bwie schnell muss", r"rueckwirkend", r"\bwann (ist|sind|beginnt|startet|endet)\b",
        r"\bwie lange\b(?!.*(dauer|warte|fertig|abholbereit|abholen))", r"\buntil when", r"\bwhen (must|should|do) i", r"\bwhen i (must|should|have)",
        r"\bdeadline", r"\bzeitpunkt", r"\b(heute|jetzt|morgen) noch\b", r"\bnoch (irgendwie|moeglich)",
        r"\bwie (frueh|spaet)\b", r"\bwann (kann|darf|sollte|soll) (ich|man)\b",
        r"\bwie ?viele? (zeit|tage|wochen|monate) (habe?|bleib|hat|haben)", r"\bhow (many|much) (days|weeks|time)\b.*\b(have|to)\b")),
    Intent("bearbeitungszeit", ("Bearbeitungszeit",), _p(
        r"\bwie lange? dauert", r"\bdauert es", r"\bsofort\b", r"\bgleich mitnehmen", r"\bnoch rechtzeitig", r"\bschaff", r"bearbeitungs", r"\bwann (bekomme|kriege|ist .* fertig|kommt)",
        r"wartezeit", r"\bdauer\b", r"\bhow long", r"\bwarte", r"\bgleich mit\b", r"\bdirekt mit",
        r"\bam (selben|gleichen) tag", r"\bsame day", r"\bwie (lang|schnell)\b(?!.*\b(gilt|gueltig|frist))",
        r"\bbis (er |sie |es |der |die |das |der neue |die neue |das neue )?(fertig|abholbereit|da ist)\b",
        r"\b(ready|finished) (to pick|for pick)")),
    Intent("online", ("Online",), _p(
        r"\bonl(ine|ien|ie|in|ein|ne)\b", r"online", r"internet", r"digital", r"\bherunterladen", r"\brunterladen", r"\bdownload", r"\bvon zu ?hause", r"\bper (mail|e-mail|email)", r"\bapp\b",
        r"\bportal", r"\bwebseite", r"\bwebsite", r"\bim netz")),
    Intent("oeffnungszeiten", ("Zuständig",), _p(
        r"oeffnungszeit", r"\bgeoeffnet", r"\bauf\b.*\b(samstag|sonntag|heute|morgen)", r"\bwann (hat|ist) .*\b(offen|auf)",
        r"\bopening hours", r"\buhrzeit", r"\boffen\b", r"\bohne termin", r"\bis .*\bopen\b", r"\bopen (on|at|until)\b",
        r"\b(telefon|sprech|service)?zeiten\b", r"\berreichbar", r"\bwhen (can|could) i (go|come)", r"\bwhen i can (go|come)")),
    Intent("zustaendig", ("Zuständig",), _p(
        r"\bwo\b", r"zustaendig", r"\bwelche(s|r)? (amt|stelle|behoerde|buero)", r"\bwer (ist|hilft|macht)",
        r"(?<!meine )(?<!neue )(?<!seine )(?<!ihre )\badresse", r"(?<!neue )(?<!seine )\banschrift",
        r"\bwer (?!(bekommt|braucht|muss|hat|kann|darf|zahlt)\b)\w+t\b", r"kontakt", r"telefon", r"\bnummer\b", r"\banrufen", r"\bansprech",
        r"\bwohin", r"\bbei wem", r"\bwhere", r"\bwen\b.*\b(anrufen|ruf)", r"\bruf ich", r"\bloswerden", r"\bhinbringen", r"\babgeben")),
)

#: An office's address names a postcode and its town ("47798 krefeld", "53094 bonn", over folded text); a number of
#: five digits before a unit or a count ("10000 euro", "12000 einwohner") is none.
POSTCODE_TOWN = (r"\b(?:0[1-9]|[1-9]\d)\d{3} (?!(?:euro|eur|cent|einwohner|menschen|personen|buerger\w*|stueck|mal|km|"
                 r"meter|jahre?n?|tage?n?|wochen|monate?n?|stunden|minuten|mitglieder|haushalte|kinder)\b)[a-z]{2,}")

#: A section name for a named intent, e.g. SECTION_OF["kosten"] == "Kosten"; "" for an intent without a section.
SECTION_OF = {i.name: (i.sections[0] if i.sections else "") for i in INTENTS}

#: What a sentence that answers an intent looks like (over the folded sentence), wherever in the document it stands:
#: opening hours are clock times, a duration is weeks or "sofort", a fee is an amount in Euro.
ANSWER_CUES: dict[str, re.Pattern[str]] = {
    "kosten": _p(r"\d+,\d\d ?(euro|eur|€)", r"\d+ euro\b", r"kostenlos", r"gebuehrenfrei", r"\bkostet\b", r"\bgebuehr"),
    "bearbeitungszeit": _p(r"\bsofort\b", r"\bdauert\b", r"\bwochen\b", r"\bwerktag", r"\bdirekt mit\b",
                           r"\bbearbeitungszeit", r"\binnerhalb (von|einer)\b.*\b(tag|woche|monat)"),
    "fristen": _p(r"\binnerhalb von\b", r"\bspaetestens\b", r"\bfruehestens\b", r"\bfrist", r"\bbis zum\b",
                  r"\bbis (\w+ )?(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|ende)\b", r"\bbis\b.*\b\d{1,2} uhr",
                  r"\bvor (dem )?ablauf", r"\bgilt\b.*\bjahre", r"\b\d{1,2}\. (januar|februar|maerz|april|mai|juni|juli|"
                  r"august|september|oktober|november|dezember)", r"\brueckwirkend"),
    "oeffnungszeiten": _p(r"\b\d{1,2}[:.]\d{2}\b", r"\b\d{1,2} bis \d{1,2} uhr", r"geoeffnet", r"oeffnungszeit",
                          r"sprechzeit", r"ohne termin"),
    "ergebnis": _p(r"\b(sie|ihnen) (bekommen|erhalten)\b", r"\b(bekommen|erhalten) sie\b", r"\bwird ihnen\b.*\b(ausgestellt|"
                   r"zugeschickt|ausgehaendigt)", r"\bstellt (ihnen )?\w* ?(eine?n? )?\w*(bescheinigung|bestaetigung|urkunde)\w* aus"),
    "online": _p(r"\bonline", r"https?://", r"\bportal", r"\bbundid\b"),
    "zustaendig": _p(r"zustaendig", r"\btelefon\b", POSTCODE_TOWN, r"\be-mail\b"),
}


_ASK = re.compile(r"[^.!?]*\?")


def detect_intents(question: str) -> list[str]:
    """Intents in answer order; empty when the question is general ("Was ist ein Bewohnerparkausweis?").

    In a story ("Mein Pass ist abgelaufen. ... Schaff ich das noch?") the sentences that ask (end in '?') say what
    is wanted; the story around them only counts when the asking sentences name nothing.
    """
    q = fold(question)
    asked = " ".join(_ASK.findall(q))
    found = _rules(asked) if asked else []
    if not found:
        found = _rules(q)
    return found


_YES_NO = re.compile(r"(?:^|[.!?]\s*)(kann|koennen|darf|duerfen|muss|muessen|brauche|braucht|geht|gibt|ist|bin|bekomme|"
                     r"bekommt|krieg|kriege|kriegt|habe|hat|soll|wird|reicht|gilt|can|must|do|does|is|may)\b[^.!?]*\?")


def is_yes_no(question: str) -> bool:
    """The question asks yes or no ("Kann ich meine Geburtsurkunde beglaubigen lassen?", "Geht das so?")."""
    return bool(_YES_NO.search(fold(question).strip()))


def _rules(q: str) -> list[str]:
    found = [i.name for i in INTENTS if i.pattern.search(q)]
    # "Wo beantrage ich ..." asks where, not how; keep both only when both are really asked.
    if "zustaendig" in found and "ablauf" in found and not re.search(r"\bwie\b", q):
        found.remove("ablauf")
    # "Welches Dokument erhalte ich?" asks what one gets, not what to bring.
    if "unterlagen" in found and re.search(r"\b(dokument|papier|bescheinigung|nachweis)\w* (erhalte|bekomme|kriege)", q):
        found.remove("unterlagen")
    # "Schaff ich das noch rechtzeitig?" asks how long it takes, not for a deadline.
    if "bearbeitungszeit" in found and "fristen" in found and re.search(r"\bnoch rechtzeitig|\bschaff", q):
        found.remove("fristen")
    return found
