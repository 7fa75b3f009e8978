"""German PII recognizers on hand-written citizen sentences: expected types and spans, look-alikes untouched.

The analyzer (blank German tokenizer, no model) is built once for the module.
"""

import pytest

from tests.unit.pii_helpers import found


CASES = [
    # e-mail
    ("Schreiben Sie mir an m.yilmaz@web.de, danke.", [("EMAIL", "m.yilmaz@web.de")]),
    ("mail: anna-lena.schulte+stadt@posteo.de", [("EMAIL", "anna-lena.schulte+stadt@posteo.de")]),
    # identifiers with a typo in the check digit are still the citizen's, when named or in the national format
    ("Meine Steuer-ID ist 12 345 678 903, bitte helfen Sie mir.", [("TAX_ID", "12 345 678 903")]),
    ("IdNr: 86095742718", [("TAX_ID", "86095742718")]),
    ("Bitte auf DE02 1203 0000 0000 2020 52 überweisen", [("IBAN", "DE02 1203 0000 0000 2020 52")]),
    # spelled to dodge filters, spaced digits, a name after "heißt", contract numbers
    ("schreibt mir an anna punkt mueller at gmx punkt de", [("EMAIL", "anna punkt mueller at gmx punkt de")]),
    ("Mail: k.nowak(at)web(punkt)de", [("EMAIL", "k.nowak(at)web(punkt)de")]),
    ("Telefon: 0 21 51 / 12 34 56", [("PHONE", "0 21 51 / 12 34 56")]),
    ("Mein Mann heißt Thomas und ist 45.", [("PERSON", "Thomas")]),
    ("Vertragsnummer 99887766", [("CASE_NUMBER", "99887766")]),
    # phone
    ("Rufen Sie mich bitte an: 0171 2345678", [("PHONE", "0171 2345678")]),
    ("Tel.: +49 (0)2151 123456", [("PHONE", "+49 (0)2151 123456")]),
    ("Mobil 0049 176 98765432 ab 17 Uhr", [("PHONE", "0049 176 98765432")]),
    ("meine nummer ist 02151/98765-43", [("PHONE", "02151/98765-43")]),
    ("erreichbar unter 01521234567", [("PHONE", "01521234567")]),
    # IBAN
    ("Bitte auf DE89 3704 0044 0532 0130 00 überweisen.", [("IBAN", "DE89 3704 0044 0532 0130 00")]),
    ("iban de89370400440532013000", [("IBAN", "de89370400440532013000")]),
    ("Mein niederländisches Konto: NL91 ABNA 0417 1643 00", [("IBAN", "NL91 ABNA 0417 1643 00")]),
    # tax id
    ("Die Steuer-ID lautet 86 095 742 719.", [("TAX_ID", "86 095 742 719")]),
    ("IdNr 86095742719", [("TAX_ID", "86095742719")]),
    # ID card, passport
    ("Perso-Nummer L01X00T471", [("ID_CARD", "L01X00T471")]),
    ("Die Ausweisnummer ist T22000129, ist der noch gültig?", [("ID_CARD", "T22000129")]),
    ("Reisepass C01X00T478 verloren", [("PASSPORT", "C01X00T478")]),
    # social security, health insurance
    ("RV-Nummer 15 070649 C 103", [("SOCIAL_SECURITY", "15 070649 C 103")]),
    ("sozialversicherungsnummer 15070649c103", [("SOCIAL_SECURITY", "15070649c103")]),
    ("Versichertennummer A123456780 bei der AOK", [("HEALTH_INSURANCE", "A123456780")]),
    # licence plate
    ("Mein Wagen KR-AB 123 steht im Halteverbot.", [("LICENSE_PLATE", "KR-AB 123")]),
    ("Kennzeichen D XY 4711", [("LICENSE_PLATE", "D XY 4711")]),
    ("das auto kr-ab 123 wurde abgeschleppt", [("LICENSE_PLATE", "kr-ab 123")]),
    # addresses
    ("Ich wohne Uerdinger Str. 12, 47799 Krefeld.", [("ADDRESS", "Uerdinger Str. 12, 47799 Krefeld")]),
    ("Neue Adresse: Am Kreuzberg 5", [("ADDRESS", "Am Kreuzberg 5")]),
    ("wir sind in die lindenstraße 4a gezogen", [("ADDRESS", "lindenstraße 4a")]),
    ("Ich bin nach 47800 Krefeld gezogen.", [("ADDRESS", "47800 Krefeld")]),
    # dates of birth
    ("Ich bin am 3. Mai 1990 geboren.", [("DATE_OF_BIRTH", "3. Mai 1990")]),
    ("Geburtsdatum: 12.03.1985", [("DATE_OF_BIRTH", "12.03.1985")]),
    ("geb. 1.2.57 in Krefeld", [("DATE_OF_BIRTH", "1.2.57")]),
    # case numbers
    ("Aktenzeichen 32-1234/2024", [("CASE_NUMBER", "32-1234/2024")]),
    ("Mein Kassenzeichen: 4711.0815.23", [("CASE_NUMBER", "4711.0815.23")]),
    ("Az. 3 K 123/24", [("CASE_NUMBER", "3 K 123/24")]),
    # person names
    ("Ich heiße Anna Vogel.", [("PERSON", "Anna Vogel")]),
    ("ich heiße anna vogel und wohne hier", [("PERSON", "anna vogel")]),
    ("Mein Name ist Yusuf Demir.", [("PERSON", "Yusuf Demir")]),
    ("Sehr geehrte Frau Vogel,", [("PERSON", "Vogel")]),
    ("Herr Koch hat mich zurückgerufen.", [("PERSON", "Koch")]),
    ("herr koch hat mich zurückgerufen", [("PERSON", "koch")]),
    ("Guten Tag Frau Dr. Schneider", [("PERSON", "Schneider")]),
    ("Viele Grüße\nTim Becker", [("PERSON", "Tim Becker")]),
    ("MfG, Sabine", [("PERSON", "Sabine")]),
    ("Hallo, hier spricht Jonas.", [("PERSON", "Jonas")]),
    ("Mein Sohn Emil kommt in die erste Klasse.", [("PERSON", "Emil")]),
    ("Name: Kowalski, Piotr", [("PERSON", "Kowalski, Piotr")]),
    ("Paul Schröder hat den Antrag gestellt.", [("PERSON", "Paul Schröder")]),
    ("Familie Öztürk zieht aus.", [("PERSON", "Öztürk")]),
    ("Hi! Bin der Mehmet, brauch nen Termin", [("PERSON", "Mehmet")]),
    ("Meine Mutter Gisela Hoffmann braucht Hilfe.", [("PERSON", "Gisela Hoffmann")]),
    ("Bitte Rückruf an Frau Schäfer-Ostendorf, 02151 / 47 11 23",
     [("PERSON", "Schäfer-Ostendorf"), ("PHONE", "02151 / 47 11 23")]),
    ("Steuernummer 117/5012/3456", [("TAX_ID", "117/5012/3456")]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_recognizes(redactor, text, expected):
    assert found(redactor, text) == expected


LOOKALIKES = [
    "Die Stadt erreichen Sie unter 02151 86-0, den Bürgerservice unter 02151 86-1610.",
    "Rufen Sie die 115 an, im Notfall die 112.",
    "Der Ausweis kostet 46,00 Euro.",
    "Das regelt § 14 GewO, siehe auch Art. 6 Abs. 1 DSGVO.",
    "Geöffnet Mo–Fr 8:00–12:30 Uhr.",
    "Ihr Termin ist am 12.05.2026.",
    "Das Rathaus ist am Von-der-Leyen-Platz 1, 47798 Krefeld.",
    "Meine Frau arbeitet bei der Stadt.",
    "Ich bin Rentnerin und brauche Wohngeld.",
    "Ich bin der Meinung, dass das zu lange dauert.",
    "Viele Grüße aus Krefeld!",
    "Normen wie DIN EN 1234 und ISO 27001.",
    "Fahren Sie über die A 57.",
    "Im Jahr 2024 gab es 12.345 Anträge.",
    "Das kostet 10000 Euro.",
    "Die Zahl 12345678901 ist keine Steuer-ID.",
    "Hallo zusammen, wann hat das Bürgerbüro offen?",
    "Ich bin Alleinerziehend und suche eine Kita.",
    "Die Gebühr von 13,00 Euro habe ich am 02.03.2026 bezahlt.",
    "Sprechzeiten Di und Do 8-12 Uhr, Zimmer 214.",
    "Ich wohne seit 2015 in Krefeld-Uerdingen.",
    "Das heißt Ummeldung, oder?",
    "Das Amt heißt Bürgerservice.",
    "Telefon: 02151 86-1610",
    "We meet at the town hall.",
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalikes_untouched(redactor, text):
    assert found(redactor, text) == []
