"""A synthetic service catalogue of N services in DLDB JSON, for measuring index build and start-up at scale.

    python -m evals.synthetic_catalogue --n 1000 --out /tmp/catalogue.json [--seed 7]
    buergerassistent corpus import /tmp/catalogue.json --format dldb --out /tmp/corpus-1000

The same seed gives the same file, byte for byte. Texts are German and varied (objects, actions, audiences,
offices, fees, documents, deadlines, legal bases are combined from word lists), about a third of the fields carry
HTML with entities, lists and tables as real exports do, and every service has an office with address, phone and
opening hours embedded in its location. The city is the fictitious Musterstadt; nothing here is a real service text.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

# (noun, grammatical gender m/f/n, extra keywords)
OBJECTS = [
    ("Personalausweis", "m", "Perso, Ausweis"), ("Reisepass", "m", "Pass, Kinderreisepass"),
    ("Führungszeugnis", "n", "polizeiliches Führungszeugnis"), ("Meldebescheinigung", "f", "Meldebestätigung"),
    ("Hundesteuer", "f", "Hundemarke, Hund"), ("Gewerbeanzeige", "f", "Gewerbeschein, Gewerbe"),
    ("Baugenehmigung", "f", "Bauantrag, Bauen"), ("Wohngeld", "n", "Mietzuschuss, Lastenzuschuss"),
    ("Bewohnerparkausweis", "m", "Anwohnerparken, Parkausweis"), ("Sondernutzungserlaubnis", "f", "Gehweg"),
    ("Fischereischein", "m", "Angeln, Angelschein"), ("Kita-Platz", "m", "Kindergarten, Kinderbetreuung"),
    ("Elterngeld", "n", "Elternzeit"), ("Geburtsurkunde", "f", "Geburt, Urkunde"),
    ("Eheschließung", "f", "Heiraten, Trauung, Hochzeit"), ("Sterbeurkunde", "f", "Sterbefall, Todesfall"),
    ("Namensänderung", "f", "Nachname, Vorname"), ("Einbürgerung", "f", "Staatsangehörigkeit"),
    ("Aufenthaltstitel", "m", "Aufenthaltserlaubnis, Visum"), ("Wohnberechtigungsschein", "m", "WBS, Sozialwohnung"),
    ("Grundsteuer", "f", "Grundbesitzabgaben"), ("Zweitwohnungsteuer", "f", "Nebenwohnung"),
    ("Marktstand", "m", "Wochenmarkt, Markt"), ("Straßenfest", "n", "Fest, Veranstaltung"),
    ("Plakatierung", "f", "Plakate, Wahlwerbung"), ("Baumfällung", "f", "Baum, Baumschutz"),
    ("Sperrmüllabholung", "f", "Sperrmüll, Möbel"), ("Biotonne", "f", "Bioabfall, Mülltonne"),
    ("Schadstoffsammlung", "f", "Sondermüll, Farben"), ("Fahrzeugzulassung", "f", "Auto anmelden, Kfz"),
    ("Wunschkennzeichen", "n", "Nummernschild, Kennzeichen"), ("Parkerleichterung", "f", "Behindertenparkplatz"),
    ("Schwerbehindertenausweis", "m", "Behinderung, GdB"), ("Blindengeld", "n", "Sehbehinderung"),
    ("Schülerfahrkarte", "f", "Schulweg, Busfahrkarte"), ("Schulanmeldung", "f", "Einschulung, Grundschule"),
    ("Musikschulplatz", "m", "Musikunterricht, Instrument"), ("Bibliotheksausweis", "m", "Bücherei, Ausleihe"),
    ("Volkshochschulkurs", "m", "VHS, Weiterbildung"), ("Gaststättenerlaubnis", "f", "Kneipe, Restaurant"),
    ("Reisegewerbekarte", "f", "Schausteller, Haustürverkauf"), ("Taxigenehmigung", "f", "Taxi, Mietwagen"),
    ("Brauchtumsfeuer", "n", "Osterfeuer, Lagerfeuer"), ("Feuerwerk", "n", "Silvester, Pyrotechnik"),
    ("Grabstätte", "f", "Friedhof, Beerdigung"), ("Kanalanschluss", "m", "Abwasser, Hausanschluss"),
    ("Hausnummer", "f", "Adresse, Neubau"), ("Denkmalschutz", "m", "Denkmal, Altbau"),
    ("Fundsache", "f", "Fundbüro, verloren"), ("Briefwahl", "f", "Wahlschein, Wahl"),
    ("Ehrenamtskarte", "f", "Ehrenamt, Freiwillige"), ("Sozialpass", "m", "Ermäßigung, Sozialticket"),
    ("Wohnungsgeberbestätigung", "f", "Vermieter, Einzug"), ("Lärmbeschwerde", "f", "Lärm, Ruhestörung"),
    ("Halteverbotszone", "f", "Umzug, Parkverbot"), ("Anwohnerbeteiligung", "f", "Bürgerbeteiligung"),
    ("Kinderreisepass", "m", "Kinder, Urlaub"), ("Unterhaltsvorschuss", "m", "Alleinerziehende, Unterhalt"),
    ("Pflegewohngeld", "n", "Pflegeheim, Pflege"), ("Bildungspaket", "n", "Bildung und Teilhabe, Schulbedarf"),
    ("Vereinsregisterauszug", "m", "Verein, Register"), ("Waffenbesitzkarte", "f", "Waffen, Jagd"),
    ("Jagdschein", "m", "Jagd, Jäger"), ("Hundeführerschein", "m", "Sachkunde, Hund"),
    ("Solaranlage", "f", "Photovoltaik, Förderung"), ("Regenwassernutzung", "f", "Zisterne, Regenwasser"),
    ("Spielplatzpatenschaft", "f", "Spielplatz, Patenschaft"), ("Stadtführung", "f", "Tourismus, Führung"),
]
ACTIONS = [
    "{nom} beantragen", "{nom} verlängern", "{nom} ändern lassen", "{nom} abmelden", "{nom} anmelden",
    "Ersatz für {acc} bei Verlust", "Auskunft über {acc}", "{nom}: Ermäßigung beantragen", "{nom} kündigen",
    "Widerspruch gegen {acc}", "{nom} für Vereine", "{nom} für Unternehmen", "{nom} online erledigen",
]
AUDIENCES = [
    "in Musterstadt wohnt", "ein Kind bekommen hat", "ein Gewerbe führt", "eine Behinderung hat", "studiert",
    "über 65 Jahre alt ist", "einen Hund hält", "einen Verein leitet", "ein Haus baut", "ein Grundstück besitzt",
    "neu zugezogen ist", "keine deutsche Staatsangehörigkeit hat", "umzieht", "ein Fest plant",
]
OFFICES = [
    ("Bürgerbüro", "Rathausplatz", "1"), ("Ordnungsamt", "Marktstraße", "14"), ("Standesamt", "Schlossallee", "3"),
    ("Steueramt", "Kämmereigasse", "7"), ("Bauaufsicht", "Bauhofweg", "22"), ("Jugendamt", "Lindenstraße", "40"),
    ("Sozialamt", "Am Markt", "9"), ("Straßenverkehrsamt", "Industriestraße", "101"),
    ("Ausländerbehörde", "Bahnhofstraße", "55"), ("Umweltamt", "Parkweg", "2"), ("Schulamt", "Schulstraße", "18"),
    ("Friedhofsverwaltung", "Am Friedhof", "1"), ("Gewerbeamt", "Handelsweg", "6"),
    ("Stadtreinigung", "Am Wertstoffhof", "3"),
]
DISTRICTS = ["Mitte", "Nord", "Süd", "Altstadt", "Hafen", "Oststadt", "Weststadt", "Bergviertel"]
DOCUMENTS = [
    "Personalausweis oder Reisepass", "Meldebescheinigung", "biometrisches Passfoto", "Nachweis über das Einkommen",
    "Mietvertrag", "Kaufvertrag", "Vollmacht, wenn jemand anderes den Antrag stellt", "Geburtsurkunde",
    "Bauzeichnungen und Lageplan", "ärztliches Attest", "Schwerbehindertenausweis", "Handelsregisterauszug",
    "letzter Steuerbescheid", "Nachweis der Haftpflichtversicherung", "Sachkundenachweis", "Vereinssatzung",
]
LAWS = [
    "Bundesmeldegesetz (BMG)", "Gewerbeordnung (GewO)", "Baugesetzbuch (BauGB)", "Landesbauordnung",
    "Straßenverkehrsgesetz (StVG)", "Personalausweisgesetz (PAuswG)", "Wohngeldgesetz (WoGG)",
    "Satzung der Stadt Musterstadt über Gebühren", "Hundesteuersatzung der Stadt Musterstadt",
    "Sozialgesetzbuch Zwölftes Buch (SGB XII)", "Bundeselterngeld- und Elternzeitgesetz (BEEG)",
]
PREREQUISITES = [
    "Sie wohnen in Musterstadt.", "Sie sind mindestens 18 Jahre alt.", "Sie haben Ihren Hauptwohnsitz hier.",
    "Ihr Einkommen liegt unter der Grenze.", "Sie sind Eigentümerin oder Eigentümer.", "Der Antrag ist vollständig.",
    "Sie haben keine offenen Gebühren bei der Stadt.", "Ein Elternteil stimmt zu, wenn Sie minderjährig sind.",
]
CHANNELS = ["online", "persönlich", "schriftlich", "per E-Mail"]
TIMES = ["sofort", "etwa eine Woche", "etwa zwei Wochen", "drei bis vier Wochen", "bis zu drei Monate",
         "in der Regel am selben Tag"]
DEADLINES = ["innerhalb von zwei Wochen", "bis zum Monatsende", "spätestens vier Wochen vorher",
             "innerhalb eines Monats nach Zugang des Bescheids", "jährlich bis zum 15. Februar"]
HOURS = ["Mo, Di, Do 8-16 Uhr; Fr 8-12 Uhr", "Mo-Fr 7.30-13 Uhr; Do 14-18 Uhr", "Di und Do 9-12 und 14-17 Uhr",
         "nur nach Terminvereinbarung"]


def _mailbox(office: str) -> str:
    return office.lower().replace("ü", "ue").replace("ä", "ae").replace("ö", "oe")


def _article(gender: str, case: str) -> str:
    return {"nom": {"m": "der", "f": "die", "n": "das"}, "acc": {"m": "den", "f": "die", "n": "das"}}[case][gender]


def _sentences(rnd: random.Random, noun: str, gender: str, office: str) -> list[str]:
    nom, acc = f"{_article(gender, 'nom')} {noun}", f"{_article(gender, 'acc')} {noun}"
    who = rnd.choice(AUDIENCES)
    pool = [
        f"Wer {who}, braucht unter Umständen {acc}.",
        f"Für {acc} ist das {office} der Stadt Musterstadt zuständig.",
        f"{nom[0].upper()}{nom[1:]} können Sie {rnd.choice(CHANNELS)} beantragen.",
        f"Rechnen Sie mit dieser Bearbeitungszeit: {rnd.choice(TIMES)}.",
        f"Haben Sie Fragen {'zur' if gender == 'f' else 'zum'} {noun}? Das {office} berät Sie gern.",
        f"In manchen Fällen ist {nom} gebührenfrei, zum Beispiel für Menschen mit geringem Einkommen.",
        f"Ohne vollständige Unterlagen kann das {office} Ihren Antrag nicht bearbeiten.",
        f"Ändert sich etwas, teilen Sie es dem {office} bitte {rnd.choice(DEADLINES)} mit.",
        f"Im Stadtteil {rnd.choice(DISTRICTS)} gibt es eine Außenstelle mit eigenen Sprechzeiten.",
        f"Seit {rnd.randint(2015, 2024)} gilt für {acc} ein vereinfachtes Verfahren.",
    ]
    rnd.shuffle(pool)
    return pool[:rnd.randint(2, 5)]


def _html(rnd: random.Random, sentences: list[str], docs: list[str]) -> str:
    if rnd.random() < 0.35:  # editor HTML with entities, as real exports carry it
        esc = [s.replace("ä", "&auml;").replace("ü", "&uuml;").replace("ö", "&ouml;").replace("ß", "&szlig;")
               for s in sentences]
        items = "".join(f"<li>{d}</li>" for d in docs[:3])
        return f"<p>{esc[0]}</p><p>{' '.join(esc[1:])}</p>" + (f"<ul>{items}</ul>" if items else "")
    return "\r\n".join(sentences)


def _fees(rnd: random.Random) -> str:
    if rnd.random() < 0.2:
        return "gebührenfrei"
    first = rnd.randint(10, 250)
    second = first // 2
    if rnd.random() < 0.3:
        return (f"<table><tr><th>Fall</th><th>Gebühr</th></tr><tr><td>Regelfall</td><td>{first},00&nbsp;&euro;</td>"
                f"</tr><tr><td>ermäßigt</td><td>{second},50&nbsp;&euro;</td></tr></table>")
    return f"<ul><li>Regelgebühr: {first},00 Euro</li><li>Ermäßigung: {second},50 Euro</li></ul>"


def service(rnd: random.Random, number: int) -> dict:
    noun, gender, extra = OBJECTS[number % len(OBJECTS)]
    action = ACTIONS[(number // len(OBJECTS)) % len(ACTIONS)]
    acc = f"{_article(gender, 'acc')} {noun}"
    name = action.format(nom=noun, acc=acc)
    if number >= len(OBJECTS) * len(ACTIONS):
        name += f" (Stadtteil {DISTRICTS[number % len(DISTRICTS)]})"
    office, street, house = rnd.choice(OFFICES)
    docs = rnd.sample(DOCUMENTS, rnd.randint(1, 4))
    ident = 300000 + number
    record = {
        "id": str(ident), "name": name, "leika": "99" + "".join(str(rnd.randint(0, 9)) for _ in range(12)),
        "description": _html(rnd, _sentences(rnd, noun, gender, office), docs),
        "requirements": [{"name": d, "description": "", "link": ""} for d in docs],
        "prerequisites": [{"name": p, "description": "", "link": ""} for p in rnd.sample(PREREQUISITES, 2)],
        "fees": _fees(rnd), "process_time": rnd.choice(TIMES),
        "responsibility": f"Zuständig ist das {office} der Stadt Musterstadt.",
        "legal": [{"name": f"§ {rnd.randint(1, 120)} {rnd.choice(LAWS)}", "description": "", "link": ""}],
        "locations": [{"location": str(900 + OFFICES.index((office, street, house))),
                       "name": f"{office} Musterstadt", "hint": "",
                       "address": {"street": street, "house_number": house, "postal_code": "12345",
                                   "city": "Musterstadt"},
                       "contact": {"phone": f"01234 56-{rnd.randint(100, 999)}",
                                   "email": f"{_mailbox(office)}@musterstadt.example"},
                       "opening_times": rnd.choice(HOURS)}],
        "meta": {"url": f"https://service.musterstadt.example/dienstleistung/{ident}/", "locale": "de",
                 "lastupdate": f"{rnd.randint(2022, 2025)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
                               "T08:00:00+01:00",
                 "keywords": ", ".join([noun, *extra.split(", "), rnd.choice(DISTRICTS)])},
    }
    if rnd.random() < 0.4:
        record["onlineprocessing"] = {"description": f"{noun} geht auch online.",
                                      "link": f"https://online.musterstadt.example/{ident}"}
    if rnd.random() < 0.3:
        record["deadlines"] = f"Bitte stellen Sie den Antrag {rnd.choice(DEADLINES)}."
    if rnd.random() < 0.25:
        record["hint"] = "Bringen Sie alle Unterlagen im Original mit.<br>Kopien reichen nicht."
    return record


def catalogue(n: int, seed: int = 7) -> dict:
    rnd = random.Random(seed)
    return {"created": "2025-01-01T00:00:00+01:00", "datacount": n, "locale": "de_DE", "error": False,
            "data": [service(rnd, i) for i in range(n)]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic DLDB catalogue of N services.")
    parser.add_argument("--n", type=int, default=1000, help="number of services (default 1000)")
    parser.add_argument("--out", type=Path, required=True, help="the JSON file to write")
    parser.add_argument("--seed", type=int, default=7, help="random seed; the same seed gives the same file")
    args = parser.parse_args(argv)
    if args.n < 1:
        sys.exit(f"--n must be at least 1, got {args.n}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(catalogue(args.n, args.seed), ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{args.n} services written to {args.out}")


if __name__ == "__main__":
    main()
