"""German recognizers, one module per identifier family; `RECOGNIZERS` maps a name to its factory.

Factories take the redactor's options as keyword arguments and use those they know (public numbers for
phones, public office addresses for addresses, name lists for persons).
"""

from __future__ import annotations

from typing import Any, Callable

from presidio_analyzer import EntityRecognizer

from corpus.errors import ConfigurationError


def _email(**_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.email import EmailRecognizer
    return EmailRecognizer()


def _phone(public_numbers: tuple[str, ...] | None = None, **_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.phone import CITY_NUMBER_PREFIXES, PhoneRecognizer
    return PhoneRecognizer(public_numbers if public_numbers is not None else CITY_NUMBER_PREFIXES)


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


def _address(public_addresses: tuple[str, ...] | None = None, **_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.address import PUBLIC_ADDRESSES, AddressRecognizer
    return AddressRecognizer(public_addresses if public_addresses is not None else PUBLIC_ADDRESSES)


def _date_of_birth(**_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.date_of_birth import DateOfBirthRecognizer
    return DateOfBirthRecognizer()


def _case_number(**_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.case_number import CaseNumberRecognizer
    return CaseNumberRecognizer()


def _person(**_: Any) -> EntityRecognizer:
    from guardrails.pii.recognizers.person import PersonRecognizer
    recognizer = PersonRecognizer()
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
