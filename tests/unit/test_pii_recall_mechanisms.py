"""Recall mechanisms of the German PII recognizers, each tried on sentences of several shapes and languages, and the
look-alikes each of them must leave alone. All names and numbers are fictitious.

- a document number after the document's name in the languages of Krefeld's residents (guardrails/pii/data/
  identifier_cues.yaml), also in brackets or after a colon;
- a case number of any shape after Az., Aktenzeichen, GZ, Kassenzeichen, Vorgangsnummer, Bescheid-Nr., OWi;
- a date right after a full name that closes the phrase, as the birth date;
- surnames with particles ("van der", "de la", "von"), in lower case, after an initial;
- telephone numbers with no-break spaces, slashes, dots, digit by digit, and foreign mobile formats;
- IBANs with hyphens, no-break spaces or nothing between the groups.
"""

import pytest

from tests.unit.pii_helpers import found

P, D, PH, I = "PERSON", "DATE_OF_BIRTH", "PHONE", "IBAN"
NBSP = "\u00a0"

CASES = [
    # documents after their name, in other languages
    ("Mein Pasaport numarası: U12345678, brauche ich einen Termin?", [("PASSPORT", "U12345678")]),
    ("paszport nr EA 4821937, mein Visum läuft ab", [("PASSPORT", "EA 4821937")]),
    ("Паспорт FE 482913 ist abgelaufen.", [("PASSPORT", "FE 482913")]),
    ("passeport 18AB12345 perdu", [("PASSPORT", "18AB12345")]),
    ("My passport number is 533380006.", [("PASSPORT", "533380006")]),
    ("pasaporte: PAA123456", [("PASSPORT", "PAA123456")]),
    ("Kimlik no 12345678901 steht auf der Karte.", [("ID_CARD", "12345678901")]),
    ("Mein DNI ist 12345678Z.", [("ID_CARD", "12345678Z")]),
    ("dowód osobisty ABC123456 zgubiony", [("ID_CARD", "ABC123456")]),
    ("ID card: IDBEL590330101", [("ID_CARD", "IDBEL590330101")]),
    # German documents in brackets or after a colon
    ("Kinderreisepass (F1234567) verlängern", [("PASSPORT", "F1234567")]),
    ("Mein Reisepass (C01X00T47) ist weg.", [("PASSPORT", "C01X00T47")]),
    ("Personalausweis: L01X00T47, gültig bis 2030", [("ID_CARD", "L01X00T47")]),
    # case numbers
    ("OWi 701.123456.7 Einspruch", [("CASE_NUMBER", "701.123456.7")]),
    ("Owi-Nr. 12/345678/24", [("CASE_NUMBER", "12/345678/24")]),
    ("GZ 32/1-2024 liegt vor", [("CASE_NUMBER", "32/1-2024")]),
    ("Vorgangsnummer 2024 000 123", [("CASE_NUMBER", "2024 000 123")]),
    ("Geschäftszeichen: III/2-123.45", [("CASE_NUMBER", "III/2-123.45")]),
    ("Bescheid-Nr. 2024-BS-004711 vom Mai", [("CASE_NUMBER", "2024-BS-004711")]),
    # a birth date after a full name
    ("Jonas Becker, 03.07.1991, Tel 0171 2345678", [(P, "Jonas Becker"), (D, "03.07.1991"), (PH, "0171 2345678")]),
    ("Antrag für Maria Schulte (12.03.1985)", [(P, "Maria Schulte"), (D, "12.03.1985")]),
    ("Anna Vogel – 01.02.1990", [(P, "Anna Vogel"), (D, "01.02.1990")]),
    # surnames with particles, in lower case, after an initial
    ("ich heiße anna van der berg", [(P, "anna van der berg")]),
    ("mein name ist maria de la cruz", [(P, "maria de la cruz")]),
    ("Frau von Bülow ist zuständig?", [(P, "von Bülow")]),
    ("Name: von der Heide, Petra", [(P, "von der Heide, Petra")]),
    ("Grüße, jan de vries", [(P, "jan de vries")]),
    ("ich heiße jan van den bosch und wohne hier", [(P, "jan van den bosch")]),
    ("ich bin frau van dijk", [(P, "van dijk")]),
    ("nachname: van der meer", [(P, "van der meer")]),
    ("Ich heiße Ahmad bin Said.", [(P, "Ahmad bin Said")]),
    ("familienname: al-hassan", [(P, "al-hassan")]),
    ("viele grüße\nk. wagner", [(P, "k. wagner")]),
    ("unterschrift: j. kowalski", [(P, "j. kowalski")]),
    # telephone numbers
    (f"Tel.{NBSP}0171{NBSP}2345678", [(PH, f"0171{NBSP}2345678")]),
    ("ruf an: 0171.2345678", [(PH, "0171.2345678")]),
    ("Telefon 02151.12.34.56", [(PH, "02151.12.34.56")]),
    ("Handy 0171/234 56 78", [(PH, "0171/234 56 78")]),
    ("+31 6 12345678 (NL)", [(PH, "+31 6 12345678")]),
    ("0031 6 12345678", [(PH, "0031 6 12345678")]),
    ("+32 470 12 34 56", [(PH, "+32 470 12 34 56")]),
    ("+48 512 345 678", [(PH, "+48 512 345 678")]),
    ("+90 (532) 123 45 67", [(PH, "+90 (532) 123 45 67")]),
    ("ruf mich an: 0 1 7 1 - 2 3 4 5 6 7 8", [(PH, "0 1 7 1 - 2 3 4 5 6 7 8")]),
    # IBANs
    ("IBAN DE89-3704-0044-0532-0130-00", [(I, "DE89-3704-0044-0532-0130-00")]),
    (f"IBAN DE89{NBSP}3704{NBSP}0044{NBSP}0532{NBSP}0130{NBSP}00",
     [(I, f"DE89{NBSP}3704{NBSP}0044{NBSP}0532{NBSP}0130{NBSP}00")]),
    ("iban: nl91-abna-0417-1643-00", [(I, "nl91-abna-0417-1643-00")]),
    ("DE89370400440532013000", [(I, "DE89370400440532013000")]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_recognizes(redactor, text, expected):
    assert found(redactor, text) == expected


LOOKALIKES = [
    "Geöffnet 08.00-12.30 Uhr, Do bis 18.00 Uhr.",
    "Öffnungszeiten: Mo 08–12, Di 14–18",
    "Die Gebühr beträgt 37,00 Euro, für Kinder 22,80 Euro.",
    "Der Reisepass kostet 70 Euro und ist 10 Jahre gültig.",
    "Wie lange dauert ein Pasaport? Ich komme aus der Türkei.",
    "ID card or passport: both accepted.",
    "Das DNI-Formular gibt es online.",
    "Siehe § 5 Abs. 2 PAuswG und § 4 PassG.",
    "Formular Nr. 0815-A, Bestellnummer 4711.",
    "Kassenzeichen finden Sie oben rechts auf dem Bescheid.",
    "Das Aktenzeichen steht im Schreiben vom 12.03.2024.",
    "Wann ist die OWi-Stelle offen?",
    "Der Termin ist am 01.02.2026 um 10 Uhr.",
    "Am 03.07.2019 habe ich den Antrag gestellt.",
    "Version 1.2.3 der App",
    "Im Jahr 2024 gab es 12.345.678 Besucher.",
    "Die Stadt Krefeld, 01.01.2025",
    "Rufen Sie 02151 86-0 an oder 02151 86-1610.",
    "Telefonseelsorge 0800 111 0 111, Notruf 112.",
    "Herr der Ringe läuft im Kino",
    "Frau von nebenan hat geklingelt.",
    "der van ist kaputt",
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalikes_untouched(redactor, text):
    assert found(redactor, text) == []


@pytest.mark.parametrize("text, name", [
    ("Termin mit Herrn Koch, 12.03.2024 um 10 Uhr", "Koch"),
    ("Familie Yilmaz, 01.01.2000 eingezogen", "Yilmaz"),
    ("Anna Vogel, 12.03.2024 um 10 Uhr im Bürgerbüro", "Anna Vogel"),
])
def test_a_date_after_a_name_that_the_sentence_goes_on_from_is_no_birth_date(redactor, text, name):
    assert found(redactor, text) == [(P, name)]
