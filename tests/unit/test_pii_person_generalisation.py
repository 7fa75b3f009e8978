"""Person names beyond the German cue words: names of many origins from the name lists, introductions, relatives and
roles in the residents' languages (guardrails/pii/data/person_cues.yaml), a name before a comma and a date, names alone
in brackets, particles after a listed first name, names in lower case, a name that ends with its line. The look-alikes
are what each mechanism must leave alone. All names and numbers are fictitious."""

import pytest

from tests.unit.pii_helpers import found

P, D = "PERSON", "DATE_OF_BIRTH"

CASES = [
    # introductions in other languages
    ("Buongiorno, mi chiamo Francesca Romano e vorrei un appuntamento.", [(P, "Francesca Romano")]),
    ("Hello, my name is Chinedu Okeke, I need a Meldebescheinigung.", [(P, "Chinedu Okeke")]),
    ("Merhaba, ben Elif Şahin, randevu almak istiyorum.", [(P, "Elif Şahin")]),
    ("Dzień dobry, nazywam się Piotr Kamiński.", [(P, "Piotr Kamiński")]),
    ("Bonjour, je suis Fatou Ndiaye, j'ai une question.", [(P, "Fatou Ndiaye")]),
    ("Hoi, ik ben Daan de Jong en ik woon nu in Krefeld.", [(P, "Daan de Jong")]),
    ("مرحبا، اسمي أحمد الخطيب.", [(P, "أحمد الخطيب")]),
    ("Здравствуйте, меня зовут Ирина Петрова.", [(P, "Ирина Петрова")]),
    ("Xin chào, tôi là Nguyễn Thị Lan.", [(P, "Nguyễn Thị Lan")]),
    ("bin tran van hung, brauche einen termin", [(P, "tran van hung")]),
    # relatives and roles
    ("I am writing for my father, Dimitrios Georgiou, he is in hospital.", [(P, "Dimitrios Georgiou")]),
    ("Babam Mehmet Kaya ist letzte Woche gestorben.", [(P, "Mehmet Kaya")]),
    ("Halterin ist jetzt Chioma Eze, bitte umschreiben.", [(P, "Chioma Eze")]),
    ("Mandantin: Agnieszka Wróbel", [(P, "Agnieszka Wróbel")]),
    ("Kind: Ben Schulte", [(P, "Ben Schulte")]),
    ("halter ist ahmad khalil, was muss ich tun?", [(P, "ahmad khalil")]),
    # a name before a comma and a date; in brackets; particles; lower case
    ("Kwabena Mensah, 12.06.1987, ich brauche eine Bescheinigung.", [(P, "Kwabena Mensah"), (D, "12.06.1987")]),
    ("hab gestern angerufen, lisa van der linden, 03.02.2001", [(P, "lisa van der linden"), (D, "03.02.2001")]),
    ("Mein Partner (Tobias) und ich (Amina) ziehen zusammen.", [(P, "Tobias"), (P, "Amina")]),
    ("Antrag für Pedro de la Fuente, bitte prüfen.", [(P, "Pedro de la Fuente")]),
    ("das auto läuft auf markus hoffmann, ist das ein problem?", [(P, "markus hoffmann")]),
    ("pawel hier nochmal wegen dem termin", [(P, "pawel")]),
    ("Der Bescheid ging an meinem Sohn jonas.", [(P, "jonas")]),
    # a name ends with its line
    ("Name: Petra Klein\nAnliegen: Ummeldung", [(P, "Petra Klein")]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_recognizes(redactor, text, expected):
    assert found(redactor, text) == expected


LOOKALIKES = [
    "Hello, I am German but lived abroad for years, do I need to register?",
    "I'm Ukrainian, can I get a Meldebescheinigung?",
    "Hello, Belgian citizen here, is my driving licence valid?",
    "Ich brauche eine Meldebescheinigung für die Uni.",
    "Der Halter ist verpflichtet, das Fahrzeug abzumelden.",
    "Kinder unter 6 Jahren brauchen kein Foto.",
    "Person bitte vollständig angeben, auch den Geburtsnamen.",
    "Pass: N012834756 (Syrien)".replace("N012834756", "abgelaufen"),
    "Termin am Montag, 12.03.2024, um 10 Uhr im Bürgerbüro.",
    "Abim diyor ki o değildi, was soll ich tun?",
    "زوجي كان يصلح المصباح في السقف",
    "Xin chào, cảm ơn!",
    "Kalimera, wann ist das Bürgerbüro offen?",
    "My wife and I want to marry in Krefeld, what do we need?",
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalikes_untouched(redactor, text):
    assert found(redactor, text) == []
