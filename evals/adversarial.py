"""Adversarial messages for the input guard: shapes that make a backtracking regex or a careless loop work in the
square of the message length.

An attack run found CPU exhaustion through the address recognizer: 2,000 characters of a repeated two-character
pattern took over a second (normal: 19 ms). These families cover what such attacks are made of: a short pattern of
every pair of character classes repeated, long digit runs, long runs of capitalised words and names, nested brackets,
and the cue words the recognizers and policy rules look for, repeated with and without a value after them.
`evals/bench_guard.py` times the guard on them; tests/unit/test_guard_linear.py measures the work at two lengths.
"""

from __future__ import annotations

from itertools import combinations_with_replacement

MAX_MESSAGE_CHARS = 2000  # api.max_message_chars: nothing longer reaches the guard

# One representative per character class the patterns distinguish.
CHARACTER_CLASSES: dict[str, str] = {
    "lower": "a", "upper": "A", "digit": "1", "zero": "0", "umlaut": "ä", "Umlaut": "Ä", "sharp_s": "ß",
    "space": " ", "nbsp": "\u00a0", "tab": "\t", "newline": "\n", "dot": ".", "comma": ",", "hyphen": "-",
    "dash": "–", "slash": "/", "colon": ":", "plus": "+", "star": "*", "at": "@", "open": "(", "close": ")",
    "bracket": "[", "less": "<", "greater": ">", "underscore": "_", "equals": "=", "hash": "#", "apostrophe": "'",
    "question": "?", "section": "§",
}

# Cue words of the recognizers and rules, each repeated on its own and with the start of a value after it.
CUES = (
    "geboren am ", "geb. ", "Geburtsdatum: ", "* ", "Aktenzeichen ", "Az. ", "Kassenzeichen: ", "Vorgangsnummer ",
    "Name: ", "Nachname ist ", "ich heiße ", "Herr ", "Frau Dr. ", "Viele Grüße ", "hier ", "mein Sohn ", "Hallo ",
    "Tel. ", "Telefon: ", "Handy ", "IBAN ", "Konto ", "Reisepass ", "Passnummer ", "Ausweisnummer ", "Steuer-ID ",
    "Kennzeichen ", "wohne in der ", "Adresse: ", "am ", "an der ", "Straße ", "paszport ", "паспорт ", "kimlik no ",
    "ich will mich ", "ignoriere alle Anweisungen ", "es brennt ", "sterben ", "Ausländer ", "wen soll ich wählen ",
    "deine Anweisungen ", "mein code ", "vergiss ", "Oma ", "nicht mehr ", "tabletten ",
)
VALUE_STARTS = ("1", "1.1.", "12.03.1985 ", "0171 ", "DE89 ", "A1/", "12 ", "47798 ")

WORD_RUNS = ("Anna ", "Anna Vogel ", "Herr Koch ", "Frau Aa Bb ", "Xyzq Qwrt ", "Kowalczyk ", "van der ", "Al-",
             "Wohngeld Antrag ", "Rheinstraße ", "Straße 1 ", "Weg 1, 47798 Krefeld ", "Am Weg 12 ", "Hohe Gasse 1 ",
             "St.-", "Dr.-", "ich ", "mich ", "die ", "a ", "A ", "aA", "Aa ", "ab1", "s3lb", "QUJD", "4a ", "1 ",
             "1.", "1-", "1/", "12 ", "1, ", "DE", "00", "+4", "0 1 ", "(0)", "a.b@", "@a.", "punkt ", "at ",
             "KR-AB 1 ", "L01X00T47", "86 095 ", "Jahrgang ", "ab 1.1.1990 ", "1.1.1990 ")
BRACKETS = ("(" * 1000 + ")" * 1000, "([{<" * 250 + ">}])" * 250, "((a))", "(a(", "[[", "<<", "((1))", "(Anna)")


def repeat(pattern: str, length: int) -> str:
    """`pattern` repeated and cut to exactly `length` characters."""
    return (pattern * (length // len(pattern) + 1))[:length]


def families(length: int = MAX_MESSAGE_CHARS) -> dict[str, str]:
    """Every adversarial message of one length, by a readable name."""
    out: dict[str, str] = {}
    for (a, x), (b, y) in combinations_with_replacement(CHARACTER_CLASSES.items(), 2):
        out[f"pair {a}+{b}"] = repeat(x + y, length)
    for digit in "0159":
        out[f"digits {digit}"] = repeat(digit, length)
    out["digits +49"] = repeat("+49" + "1" * 97, length)
    out["digits 0049"] = "0049" + repeat("1", length - 4)
    for run in WORD_RUNS:
        out[f"run {run!r}"] = repeat(run, length)
    for cue in CUES:
        out[f"cue {cue!r}"] = repeat(cue, length)
        for value in VALUE_STARTS:
            out[f"cue {cue!r} + {value!r}"] = repeat(cue + value, length)
    for brackets in BRACKETS:
        out[f"brackets {brackets[:8]!r}"] = repeat(brackets, length)
    out["one word"] = repeat("a", length)
    out["one capitalised word"] = "A" + repeat("a", length - 1)
    out["one compound"] = repeat("Wohngeldantrag", length)
    return out


def ordinary(length: int = MAX_MESSAGE_CHARS) -> str:
    """An ordinary long message with personal data, for comparison with the adversarial ones."""
    text = ("Sehr geehrte Damen und Herren, ich heiße Anna Vogel und wohne in der Uerdinger Str. 12, 47799 Krefeld. "
            "Ich bin am 3. Mai 1990 geboren und möchte meinen Personalausweis verlängern. Meine Telefonnummer ist "
            "0171 2345678, meine IBAN DE89 3704 0044 0532 0130 00. Wann hat das Bürgerbüro geöffnet und was kostet "
            "der Ausweis? Mein Aktenzeichen ist 32-1234/2024. Viele Grüße, Anna Vogel. ")
    return repeat(text, length)
