"""German recognizers, one module per identifier family; `RECOGNIZERS` maps a name to its factory.

Factories take the redactor's options as keyword arguments and use those they know: `city` (the city profile,
corpus/city.py) for the public numbers of phones, the public office addresses of addresses and the city's name and
places for persons; `public_numbers` (digit prefixes) and `public_addresses` override the profile's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from presidio_analyzer import EntityRecognizer

from corpus.errors import ConfigurationError

if TYPE_CHECKING:
    from corpus.city import CityProfile


def _city(city: "CityProfile | None") -> "CityProfile":
    if city is not None:
        return city
    from corpus.city import current_profile

    return current_profile()


def _email(**_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.email import EmailRecognizer
    return EmailRecognizer()


def _phone(public_numbers: tuple[str, ...] | None = None, city: "CityProfile | None" = None,
           **_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.phone import PhoneRecognizer
    profile = _city(city)
    return PhoneRecognizer(public_numbers if public_numbers is not None else profile.public_number_blocks(),
                           profile.public_number_digits())


def _iban(**_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.iban import IbanRecognizer
    return IbanRecognizer()


def _tax_id(**_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.tax_id import TaxIdRecognizer
    return TaxIdRecognizer()


def _id_card(**_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.id_documents import IdCardRecognizer
    return IdCardRecognizer()


def _passport(**_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.id_documents import PassportRecognizer
    return PassportRecognizer()


def _social_security(**_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.social_security import SocialSecurityRecognizer
    return SocialSecurityRecognizer()


def _health_insurance(**_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.health_insurance import HealthInsuranceRecognizer
    return HealthInsuranceRecognizer()


def _license_plate(**_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.license_plate import LicensePlateRecognizer
    return LicensePlateRecognizer()


def _address(public_addresses: tuple[str, ...] | None = None, city: "CityProfile | None" = None,
             **_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.address import AddressRecognizer
    return AddressRecognizer(public_addresses if public_addresses is not None else _city(city).public_addresses)


def _date_of_birth(**_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.date_of_birth import DateOfBirthRecognizer
    return DateOfBirthRecognizer()


def _case_number(**_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.case_number import CaseNumberRecognizer
    return CaseNumberRecognizer()


def _person(city: "CityProfile | None" = None, **_: Any) -> EntityRecognizer:
    from guardrails.pii.lexicon import GermanLexicon
    from guardrails.pii.recognizers.person import PersonRecognizer
    profile = _city(city)
    recognizer = PersonRecognizer(lexicon=GermanLexicon(profile.place_words()), city_words=profile.name_words())
    recognizer.load()
    return recognizer


RECOGNIZERS: dict[str, Callable[..., EntityRecognizer]] = {
    "email": _email, "phone": _phone, "iban": _iban, "tax_id": _tax_id, "id_card": _id_card,
    "passport": _passport, "social_security": _social_security, "health_insurance": _health_insurance,
    "license_plate": _license_plate, "address": _address, "date_of_birth": _date_of_birth,
    "case_number": _case_number, "person": _person,
}


def create_recognizers(names: list[str] | tuple[str, ...] | None = None, **options: Any) -> list[EntityRecognizer]:
    """Instantiate the named recognizers (all by default); an unknown name is a configuration error."""
    chosen = list(names) if names is not None else list(RECOGNIZERS)
    unknown = [n for n in chosen if n not in RECOGNIZERS]
    if unknown:
        raise ConfigurationError(f"unknown PII recognizer(s) {unknown}; valid: {sorted(RECOGNIZERS)}")
    return [RECOGNIZERS[n](**options) for n in chosen]
