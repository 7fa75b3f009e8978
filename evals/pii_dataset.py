"""Generator of the German PII evaluation set (`evals/data/pii_test.jsonl`), seeded and reproducible.

Every line: {"text", "entities": [{"type", "start", "end"}], "style", "name_source"?}. Identifiers carry valid
check digits; names come from three sources so that list look-ups are not all that is measured: Faker de_DE
(also in the recognizer's lists), held-out locales the recognizer does not load (ro_RO, hu_HU, cs_CZ, fi_FI),
and surnames that are ordinary words ("Vogel", "Koch"). Styles: formal letters, chat messages, lower-case
messages, signatures. Look-alikes ("style": "lookalike") contain no personal data at all.
Run: python -m evals.pii_dataset [--out PATH] [--seed N] [--n N]
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
from pathlib import Path

from evals.pii_templates import LOOKALIKES, TEMPLATES
from guardrails.pii.checksums import (DOCUMENT_ALPHABET, health_insurance_check_digit, iban_check_digits,
                                      icao_check_digit, pension_check_digit, tax_id_check_digit, tax_id_digits_ok)

OUT = Path(__file__).resolve().parent / "data" / "pii_test.jsonl"
HELD_OUT_LOCALES = ("ro_RO", "hu_HU", "cs_CZ", "fi_FI")
WORD_SURNAMES = ("Vogel", "Koch", "Fuchs", "Wolf", "Bauer", "Jäger", "Fischer", "Weber", "Klein", "Lange", "Braun",
                 "Schwarz", "Winter", "Sommer", "Berg", "Stein", "Busch", "Engel", "König", "Kaiser", "Hahn",
                 "Strauß", "Stern", "Specht", "Adler", "Kraus", "Roth", "Schuster", "Zimmermann", "Becker")
STREETS = ("Uerdinger Straße", "Uerdinger Str.", "Rheinstraße", "Ostwall", "Westwall", "Hochstraße", "Lindenweg",
           "Kölner Straße", "Moerser Str.", "Gladbacher Straße", "Inrather Straße", "Friedrich-Ebert-Straße",
           "Oppumer Straße", "Hülser Str.", "Mühlenweg", "Dießemer Bruch", "Am Kreuzberg", "An der Rennbahn",
           "Im Brahm", "Kempener Allee", "Marktplatz", "Schwertstraße", "Bismarckplatz", "Lewerentzstraße",
           "Alte Krefelder Straße", "Zur Linde", "Sankt-Anton-Straße", "Kaiserstraße", "Hubertusstraße")
CITIES = (("47798", "Krefeld"), ("47799", "Krefeld"), ("47800", "Krefeld"), ("47803", "Krefeld"),
          ("47805", "Krefeld"), ("47807", "Krefeld"), ("47809", "Krefeld"), ("47829", "Krefeld"),
          ("47839", "Krefeld"), ("40667", "Meerbusch"), ("47918", "Tönisvorst"), ("47877", "Willich"),
          ("40210", "Düsseldorf"), ("41061", "Mönchengladbach"))
DISTRICTS = ("KR", "D", "NE", "VIE", "MG", "DU", "K", "WES", "KLE", "ME")
MAIL_DOMAINS = ("web.de", "gmx.de", "t-online.de", "gmail.com", "outlook.de", "posteo.de")


class Values:
    """Random fictitious values with valid check digits."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        de = importlib.import_module("faker.providers.person.de_DE").Provider
        self.first_de = list(de.first_names_male) + list(de.first_names_female)
        self.last_de = list(de.last_names)
        self.held_out = []
        for loc in HELD_OUT_LOCALES:
            p = importlib.import_module(f"faker.providers.person.{loc}").Provider
            firsts = [f for f in list(getattr(p, "first_names_male", ())) + list(getattr(p, "first_names_female", ()))]
            self.held_out.append((firsts or list(p.first_names), list(p.last_names)))
        self.name_source = "faker_de"

    def pick_source(self) -> None:
        self.name_source = self.rng.choices(["faker_de", "held_out", "word_surname"], [0.5, 0.25, 0.25])[0]

    def first(self) -> str:
        if self.name_source == "held_out":
            return self.rng.choice(self.rng.choice(self.held_out)[0])
        return self.rng.choice(self.first_de)

    def last(self) -> str:
        if self.name_source == "held_out":
            return self.rng.choice(self.rng.choice(self.held_out)[1])
        if self.name_source == "word_surname":
            return self.rng.choice(WORD_SURNAMES)
        return self.rng.choice(self.last_de)

    def full(self) -> str:
        return f"{self.first()} {self.last()}"

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def phone(self) -> str:
        r = self.rng
        mobile = r.choice(["151", "152", "157", "160", "162", "170", "171", "172", "173", "175", "176", "177", "178"])
        area = r.choice(["2151", "2156", "211", "221", "2131", "2166", "2154", "2841"])
        sub = str(r.randint(1, 9)) + self.digits(r.randint(4, 7))
        return r.choice([f"0{mobile} {sub}", f"0{mobile}/{sub}", f"0{mobile}-{sub}", f"+49 {mobile} {sub}",
                         f"+49 (0){area} {sub}", f"0{area} {sub}", f"0{area}/{sub}", f"(0{area}) {sub}",
                         f"0049 {area} {sub}", f"0{mobile}{sub}", f"+49{mobile}{sub}", f"0{area} {sub[:3]} {sub[3:]}"])

    def iban(self) -> str:
        bban = self.digits(18)
        value = "DE" + iban_check_digits("DE", bban) + bban
        if self.rng.random() < 0.6:
            value = " ".join(value[i:i + 4] for i in range(0, len(value), 4))
        return value

    def tax_id(self) -> str:
        while True:
            digits = self.rng.sample("0123456789", 9)
            digits.insert(self.rng.randint(0, 9), self.rng.choice(digits))
            first = "".join(digits)
            if tax_id_digits_ok(first):
                break
        value = first + str(tax_id_check_digit(first))
        return self.rng.choice([value, f"{value[:2]} {value[2:5]} {value[5:8]} {value[8:]}"])

    def _serial(self, first_letters: str) -> str:
        rest = "".join(self.rng.choice(DOCUMENT_ALPHABET) for _ in range(8))
        if not any(c.isdigit() for c in rest):
            rest = rest[:-1] + "7"
        return self.rng.choice(first_letters) + rest

    def id_card(self, check: bool = True) -> str:
        serial = self._serial("LMNPRTVWXY")
        return serial + str(icao_check_digit(serial)) if check else serial

    def passport(self) -> str:
        serial = self._serial("C")
        return serial + str(icao_check_digit(serial))

    def pension(self) -> str:
        r = self.rng
        first = (f"{r.randint(10, 89):02d}{r.randint(1, 28):02d}{r.randint(1, 12):02d}{r.randint(40, 99):02d}"
                 f"{r.choice('ABCDEFGHKLMNPRSTWZ')}{r.randint(0, 99):02d}")
        value = first + str(pension_check_digit(first))
        return r.choice([value, f"{value[:2]} {value[2:8]} {value[8]} {value[9:]}"])

    def health(self) -> str:
        first = self.rng.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ") + self.digits(8)
        return first + str(health_insurance_check_digit(first))

    def plate(self) -> str:
        r = self.rng
        letters = "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(r.randint(1, 2)))
        number = str(r.randint(1, 9999 if len(letters) == 1 else 999)) + r.choice(["", "", "", "E", "H"])
        return f"{r.choice(DISTRICTS)}-{letters} {number}"

    def street(self, plain: bool = False) -> str:
        """A street and house number; `plain` streets fit after "in der" (no "Am ...", "An der ...")."""
        nr = str(self.rng.randint(1, 180)) + self.rng.choice(["", "", "", "a", "b"])
        streets = [s for s in STREETS if not plain or s.split()[0] not in ("Am", "An", "Im", "Zur")]
        return f"{self.rng.choice(streets)} {nr}"

    def city(self) -> str:
        return " ".join(self.rng.choice(CITIES))

    def address(self, plain: bool = False) -> str:
        street = self.street(plain)
        return f"{street}, {self.city()}" if self.rng.random() < 0.6 else street

    def dob(self) -> str:
        r = self.rng
        d, m, y = r.randint(1, 28), r.randint(1, 12), r.randint(1935, 2008)
        months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                  "November", "Dezember"]
        return r.choice([f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{y}", f"{d}. {months[m - 1]} {y}", f"{d:02d}.{m:02d}.{y % 100:02d}"])

    def case(self) -> str:
        r = self.rng
        return r.choice([f"{r.randint(10, 99)}-{self.digits(4)}/{r.randint(2019, 2026)}",
                         f"{r.randint(10, 69)}.{r.randint(1, 9)}-{self.digits(4)}/{r.randint(19, 26)}",
                         f"{self.digits(4)}.{self.digits(4)}.{self.digits(2)}", f"{r.randint(2020, 2026)}-{self.digits(6)}",
                         f"WG-{r.randint(2023, 2026)}-{self.digits(5)}", f"{r.randint(1, 9)} K {r.randint(10, 999)}/{r.randint(20, 26)}"])

    def email(self, first: str, last: str) -> str:
        local = self.rng.choice([f"{first}.{last}", f"{first[0]}.{last}", f"{first}{self.rng.randint(1, 99)}", f"{last}.{first[0]}"])
        local = local.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
        return f"{local}@{self.rng.choice(MAIL_DOMAINS)}"


def render(template: str, values: Values) -> tuple[str, list[dict]]:
    """Fill `{TYPE}` slots of a template; returns the text and the gold spans."""
    first, last = values.first(), values.last()
    fill = {"PERSON": lambda: f"{first} {last}", "FIRST": lambda: first, "LAST": lambda: last,
            "EMAIL": lambda: values.email(first, last), "PHONE": values.phone, "IBAN": values.iban,
            "TAX_ID": values.tax_id, "ID_CARD": values.id_card, "ID_SERIAL": lambda: values.id_card(check=False),
            "PASSPORT": values.passport, "SOCIAL_SECURITY": values.pension, "HEALTH_INSURANCE": values.health,
            "LICENSE_PLATE": values.plate, "ADDRESS": values.address, "STREET": values.street,
            "ADDRESS_IN": lambda: values.address(plain=True), "STREET_IN": lambda: values.street(plain=True),
            "CITY": values.city, "DATE_OF_BIRTH": values.dob, "CASE_NUMBER": values.case}
    entity_type = {"FIRST": "PERSON", "LAST": "PERSON", "ID_SERIAL": "ID_CARD", "STREET": "ADDRESS",
                   "CITY": "ADDRESS", "ADDRESS_IN": "ADDRESS", "STREET_IN": "ADDRESS"}
    text, spans, rest = "", [], template
    while "{" in rest:
        before, _, after = rest.partition("{")
        slot, _, rest = after.partition("}")
        text += before
        value = fill[slot]()
        spans.append({"type": entity_type.get(slot, slot), "start": len(text), "end": len(text) + len(value)})
        text += value
    return text + rest, spans


def generate(seed: int = 5, n: int = 560) -> list[dict]:
    rng = random.Random(seed)
    values = Values(rng)
    rows = []
    for i in range(n):
        style, template = TEMPLATES[i % len(TEMPLATES)]
        values.pick_source()
        text, spans = render(template, values)
        if style != "lowercase" and rng.random() < 0.15 and len(text.lower()) == len(text):
            text, style = text.lower(), "lowercase"
        elif style == "lowercase":
            text = text.lower() if len(text.lower()) == len(text) else text
        rows.append({"text": text, "entities": spans, "style": style, "name_source": values.name_source})
    rows += [{"text": t, "entities": [], "style": "lookalike"} for t in LOOKALIKES]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--n", type=int, default=560)
    args = parser.parse_args()
    rows = generate(args.seed, args.n)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} sentences ({sum(r['style'] == 'lookalike' for r in rows)} look-alikes) to {args.out}")


if __name__ == "__main__":
    main()
