"""The city profile: everything the assistant knows about its city that is not a service description.

One validated YAML file per city, selected by `BA_CITY__PROFILE` (default: `cities/krefeld/profile.yaml`): the
city's name and official name, its Amtlicher Regionalschlüssel, its phone numbers (the central line citizens call,
the citizens' service, whether it answers the Behördennummer 115), emergency and crisis lines, the wording of the
hand-off to a person, its offices, districts, neighbouring places and postcodes, and the public numbers that are not
personal data. Code holds mechanisms; a second city runs by pointing the setting at a second profile.

German texts of the assistant (policy replies, messages, the system prompt, the web page) say `{city}`,
`{official_name}`, `{phone}`, `{service_phone}`, `{handoff}` … and are rendered with `CityProfile.render`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from corpus.errors import ConfigurationError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PROFILE = PROJECT_ROOT / "cities" / "krefeld" / "profile.yaml"
_PHONE = re.compile(r"^\+?[0-9][0-9 /\-()]{1,24}$")


def phone_digits(number: str) -> str:
    """'02151 86-1610' -> '02151861610'; '+49 2151 86-0' -> '0215186 0' without spaces."""
    digits = re.sub(r"\D", "", number)
    return "0" + digits[2:] if number.strip().startswith("+49") else digits


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    phone: str
    purpose: str = ""

    @field_validator("phone")
    @classmethod
    def _phone(cls, v: str) -> str:
        if not _PHONE.match(v.strip()):
            raise ValueError(f"phone must be digits with spaces, '/', '-' or '()', got {v!r}")
        return v.strip()


class CityProfile(BaseModel):
    """A city as the assistant knows it (see the module docstring)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=2)
    official_name: str = ""
    region_key: str
    phone: str  # the city's central line for citizens
    service: Contact | None = None  # the citizens' service (Bürgerservice, Bürgeramt) where it has its own line
    takes_part_in_115: bool = False  # whether the city answers the Behördennummer 115 itself
    website: str = ""
    service_portal: str = ""
    assistant_name: str = ""
    emergency: dict[str, str] = Field(default_factory=lambda: {"Feuerwehr und Rettungsdienst": "112",
                                                               "Polizei": "110"})
    crisis: dict[str, str] = Field(default_factory=lambda: {"TelefonSeelsorge": "0800 111 0 111",
                                                            "TelefonSeelsorge (2)": "0800 111 0 222"})
    handoff: str = ""  # the hand-off to a person, German; may use the placeholders of `render`
    offices: list[str] = Field(default_factory=list)
    districts: list[str] = Field(default_factory=list)
    neighbours: list[str] = Field(default_factory=list)
    postcodes: list[str] = Field(default_factory=list)
    public_numbers: list[str] = Field(default_factory=list)  # whole numbers or prefixes that are not personal data
    contacts: list[Contact] = Field(default_factory=list)

    @field_validator("region_key")
    @classmethod
    def _region_key(cls, v: str) -> str:
        v = str(v).strip()
        if not re.fullmatch(r"\d{12}", v):
            raise ValueError(f"region_key must be the 12-digit Amtlicher Regionalschlüssel, got {v!r}")
        return v

    @field_validator("phone")
    @classmethod
    def _central_phone(cls, v: str) -> str:
        if not _PHONE.match(str(v).strip()):
            raise ValueError(f"phone must be the city's central line, digits with spaces/'-'/'/', got {v!r}")
        return str(v).strip()

    @field_validator("postcodes")
    @classmethod
    def _postcodes(cls, v: list[str]) -> list[str]:
        bad = [p for p in v if not re.fullmatch(r"\d{5}", str(p))]
        if bad:
            raise ValueError(f"postcodes must be five digits, got {bad}")
        return [str(p) for p in v]

    # -- derived ------------------------------------------------------------------------------------------------
    @property
    def display_name(self) -> str:
        return self.official_name or f"Stadt {self.name}"

    @property
    def service_phone(self) -> str:
        return self.service.phone if self.service else self.phone

    def place_words(self) -> frozenset[str]:
        """Lower-case names of the city, its districts and neighbours (words that are places, not names)."""
        words = {self.name, *self.districts, *self.neighbours}
        return frozenset(w.lower() for w in words if w)

    def public_number_digits(self) -> tuple[str, ...]:
        """Digits of every number that is public: central line, service, contacts, emergency, crisis, listed."""
        numbers = [self.phone, self.service_phone, *(c.phone for c in self.contacts), *self.emergency.values(),
                   *self.crisis.values(), *self.public_numbers]
        numbers.append("115")  # the nationwide authority number, whether or not the city answers it itself
        return tuple(dict.fromkeys(d for d in (phone_digits(n) for n in numbers) if d))

    def values(self) -> dict[str, str]:
        """The placeholders German texts may use."""
        nationwide = ("Die Behördennummer 115 erreichen Sie auch." if self.takes_part_in_115 else
                      "In ganz Deutschland hilft bei Fragen an Ämter auch die Nummer 115.")
        v = {"city": self.name, "official_name": self.display_name, "phone": self.phone,
             "service_name": self.service.name if self.service else self.display_name,
             "service_phone": self.service_phone, "website": self.website, "service_portal": self.service_portal,
             "assistant_name": self.assistant_name or f"Bürgerassistent der {self.display_name}",
             "nationwide_115": nationwide}
        v["handoff"] = self.handoff.format_map(_Missing(v)) if self.handoff else (
            f"Rufen Sie gern {v['service_name']} an: {v['service_phone']}. Die {v['official_name']} erreichen Sie "
            f"auch unter {self.phone}. {nationwide}")
        return v

    def render(self, text: str) -> str:
        """A German text with this city's placeholders filled in; unknown placeholders stay as they are."""
        return text.format_map(_Missing(self.values())) if "{" in text else text


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@lru_cache(maxsize=8)
def load_profile(path: Path | None = None) -> CityProfile:
    """The profile at `path` (default: Krefeld's), validated; a broken file names the file, field and reason."""
    path = Path(path or DEFAULT_PROFILE)
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"city profile {path} cannot be read ({exc}); set BA_CITY__PROFILE to a valid "
                                 "profile file") from exc
    try:
        return CityProfile.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigurationError(f"city profile {path} is invalid: {problems}") from None


_current: CityProfile | None = None


def use_profile(profile: CityProfile) -> CityProfile:
    """Make `profile` the process's city (called once by the wiring, from BA_CITY__PROFILE); German texts rendered
    afterwards name this city."""
    global _current
    _current = profile
    return profile


def current_profile() -> CityProfile:
    """The process's city: the one set by `use_profile`, else the shipped Krefeld profile."""
    return _current or load_profile()
