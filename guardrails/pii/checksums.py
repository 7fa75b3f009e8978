"""Check-digit algorithms of German personal identifiers (pure functions, no third-party imports).

Each `is_valid_*` takes the identifier as written by a citizen (spaces, dots and lower case allowed) and
answers whether its check digit is right; the `*_check_digit` helpers compute it so the evaluation set can
generate valid fictitious numbers.
"""

from __future__ import annotations

import re

# Alphabet of the serial numbers of the German ID card (since 2010) and passport: digits plus consonants
# that cannot be confused with each other (no vowels, no B, D, Q, S).
DOCUMENT_ALPHABET = "0123456789CFGHJKLMNPRTVWXYZ"

_IBAN_LENGTHS = {
    "AT": 20, "BE": 16, "CH": 21, "DE": 22, "DK": 18, "ES": 24, "FR": 27, "GB": 22, "GR": 27, "HR": 21,
    "IT": 27, "LU": 20, "NL": 18, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "TR": 26, "UA": 29, "CZ": 24,
}


def compact(value: str) -> str:
    """Upper-case and drop the separators citizens put into numbers (spaces, dots, slashes, hyphens)."""
    return re.sub(r"[\s./\-]", "", value).upper()


def _char_value(char: str) -> int:
    """ICAO 9303 value: digits as is, A=10 ... Z=35, filler '<' = 0."""
    if char.isdigit():
        return int(char)
    if char == "<":
        return 0
    return ord(char) - ord("A") + 10


def icao_check_digit(value: str) -> int:
    """Check digit with weights 7-3-1 (ICAO Doc 9303), used on German ID cards and passports."""
    weights = (7, 3, 1)
    return sum(_char_value(c) * weights[i % 3] for i, c in enumerate(value.upper())) % 10


def is_valid_document_number(value: str, first_letters: str) -> bool:
    """9-char serial (first char in `first_letters`, rest from DOCUMENT_ALPHABET) + 7-3-1 check digit."""
    v = compact(value).rstrip("<")
    if len(v) != 10 or v[0] not in first_letters or not v[-1].isdigit():
        return False
    if any(c not in DOCUMENT_ALPHABET for c in v[1:9]):
        return False
    return icao_check_digit(v[:9]) == int(v[9])


def iban_is_valid(value: str) -> bool:
    """ISO 13616: move the first four chars to the end, letters to numbers (A=10), remainder mod 97 == 1."""
    v = compact(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", v):
        return False
    expected = _IBAN_LENGTHS.get(v[:2])
    if expected is not None and len(v) != expected:
        return False
    digits = "".join(str(_char_value(c)) for c in v[4:] + v[:4])
    return int(digits) % 97 == 1


def iban_check_digits(country: str, bban: str) -> str:
    digits = "".join(str(_char_value(c)) for c in (bban + country + "00").upper())
    return f"{98 - int(digits) % 97:02d}"


def tax_id_check_digit(first_ten: str) -> int:
    """ISO/IEC 7064 MOD 11,10 over the first ten digits of the Steuer-ID."""
    product = 10
    for digit in first_ten:
        total = (int(digit) + product) % 10 or 10
        product = (total * 2) % 11
    check = 11 - product
    return 0 if check == 10 else check


def tax_id_digits_ok(first_ten: str) -> bool:
    """Repetition rule (§ 139b AO, BZSt): in the first ten digits exactly one digit occurs twice or three
    times, every other at most once, and a digit never appears three times in a row."""
    if first_ten[0] == "0":
        return False
    counts = sorted((first_ten.count(d) for d in set(first_ten)), reverse=True)
    if counts[0] not in (2, 3) or (len(counts) > 1 and counts[1] > 1):
        return False
    return not re.search(r"(\d)\1\1", first_ten)


def is_valid_tax_id(value: str) -> bool:
    v = compact(value)
    if not re.fullmatch(r"\d{11}", v):
        return False
    return tax_id_digits_ok(v[:10]) and tax_id_check_digit(v[:10]) == int(v[10])


def _cross_sum(n: int) -> int:
    return sum(int(d) for d in str(n))


def pension_check_digit(first_eleven: str) -> int:
    """DRV algorithm (VKVV § 2): the letter becomes its two-digit alphabet position (A=01), the twelve
    digits are weighted 2,1,2,5,7,1,2,1,2,1,2,1, the cross sums of the products are added, modulo 10."""
    v = first_eleven.upper()
    digits = v[:8] + f"{ord(v[8]) - ord('A') + 1:02d}" + v[9:11]
    weights = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)
    return sum(_cross_sum(int(d) * w) for d, w in zip(digits, weights)) % 10


def is_valid_pension_number(value: str) -> bool:
    """Rentenversicherungsnummer: area (2), birth date DDMMYY (6), letter, serial (2), check digit."""
    v = compact(value)
    m = re.fullmatch(r"(\d{2})(\d{2})(\d{2})(\d{2})([A-Z])(\d{2})(\d)", v)
    if not m:
        return False
    day, month = int(m.group(2)), int(m.group(3))
    # Days above 31 are not issued; the month field is a real month.
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    return pension_check_digit(v[:11]) == int(v[11])


def health_insurance_check_digit(first_nine: str) -> int:
    """KVNR (§ 290 SGB V): letter as its two-digit position (A=01) + 8 digits, weights 1,2,1,2,...,
    cross sums of the products added, modulo 10."""
    v = first_nine.upper()
    digits = f"{ord(v[0]) - ord('A') + 1:02d}" + v[1:9]
    return sum(_cross_sum(int(d) * (1 if i % 2 == 0 else 2)) for i, d in enumerate(digits)) % 10


def is_valid_health_insurance_number(value: str) -> bool:
    v = compact(value)
    if not re.fullmatch(r"[A-Z]\d{9}", v):
        return False
    return health_insurance_check_digit(v[:9]) == int(v[9])
