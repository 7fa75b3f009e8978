"""The city profile: everything the assistant knows about its city that is not a service description.

One validated YAML file per city, selected by `BA_CITY__PROFILE` (default: `cities/krefeld/profile.yaml`): the
city's name and official name, its Amtlicher Regionalschlüssel, its phone numbers (the central line citizens call,
the citizens' service, whether it answers the Behördennummer 115), emergency and crisis lines, the wording of the
hand-off to a person, its offices, districts, neighbouring places, region and postcodes, and the public numbers and
office addresses that are not personal data. Code holds mechanisms; a second city runs by pointing the setting at a
second profile (cities/README.md describes every field).

German texts of the assistant (policy replies, messages, the system prompt, the web page) say `{city}`,
`{official_name}`, `{phone}`, `{service_phone}`, `{handoff}` … and are rendered with `CityProfile.render`.

The profile is read when it is first needed, never at import: the wiring selects it (`select_profile` with the
setting, or `use_profile` with a loaded profile) and `current_profile()` loads it on first use.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from corpus.errors import ConfigurationError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PROFILE = PROJECT_ROOT / "cities" / "krefeld" / "profile.yaml"
_PHONE = re.compile(r"^\+?\(?[0-9][0-9 /\-()]{1,24}$")  # "02151 86-0", "(09999) 40-0", "+49 2151 86-0", "115"


_BLOCK = re.compile(r"(?:-\s*0|-?\s*(?:…|\.\.\.|x+))$")  # "02151 86-0" (switchboard), "02151 86-…" (any extension)


def phone_digits(number: str) -> str:
    """'02151 86-1610' -> '02151861610'; '+49 2151 86-0' -> '02151860'."""
    digits = re.sub(r"\D", "", number)
    return "0" + digits[2:] if number.strip().startswith("+49") else digits


def tel_uri(number: str) -> str:
    """A `tel:` link target in international form: '02151 86-1610' -> 'tel:+492151861610', '115' -> 'tel:115'."""
    digits = phone_digits(number)
    if digits.startswith("00"):
        return "tel:+" + digits[2:]
    if digits.startswith("0"):
        return "tel:+49" + digits[1:]
    return "tel:" + digits


def _block(number: str) -> str | None:
    """The digits every extension of a number block starts with: a switchboard written '-0' ('02151 86-0': the
    extensions are 02151 86-…) or a block written with '…', '...' or 'x' ('02151 86-…', '0999 40-xxxx')."""
    number = number.strip()
    if not _BLOCK.search(number):
        return None
    digits = phone_digits(_BLOCK.sub("", number))
    return digits if len(digits) >= 5 else None


def slugify(text: str) -> str:
    """'Stadt Mülheim an der Ruhr' -> 'stadt-muelheim-an-der-ruhr'."""
    folded = text.lower().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str  # as a sentence names it: "den Bürgerservice der Stadt Krefeld" ("Rufen Sie gern … an")
    phone: str
    purpose: str = ""
    label: str = ""  # as a list names it: "Bürgerservice"; default: `name` without its article

    @property
    def list_label(self) -> str:
        return self.label or re.sub(r"^(?:den|die|das|dem|der)\s+", "", self.name)

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
    districts: list[str] = Field(default_factory=list)  # Stadtteile and Stadtbezirke
    neighbours: list[str] = Field(default_factory=list)  # towns around the city (and those people confuse it with)
    region: list[str] = Field(default_factory=list)  # region, state and river names: places, not names of persons
    postcodes: list[str] = Field(default_factory=list)
    # Numbers that are not personal data: whole numbers, or blocks of extensions written "02151 86-…"
    public_numbers: list[str] = Field(default_factory=list)
    public_addresses: list[str] = Field(default_factory=list)  # office addresses ("Von-der-Leyen-Platz 1")
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

    @field_validator("website", "service_portal")
    @classmethod
    def _url(cls, v: str) -> str:
        v = str(v).strip()
        if v and (urlsplit(v).scheme not in ("http", "https") or not urlsplit(v).hostname):
            raise ValueError(f"must be an http(s) URL such as https://www.example.de, got {v!r}")
        return v

    @field_validator("public_numbers")
    @classmethod
    def _public_numbers(cls, v: list[str]) -> list[str]:
        bad = [n for n in v if not _PHONE.match(_BLOCK.sub("", str(n).strip()) or "-")]
        if bad:
            raise ValueError(f"public_numbers must be phone numbers or blocks written '02151 86-…', got {bad}")
        return [str(n).strip() for n in v]

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

    @property
    def slug(self) -> str:
        """'Krefeld' -> 'krefeld', 'Mülheim an der Ruhr' -> 'muelheim-an-der-ruhr' (model ids, owner names)."""
        return slugify(self.name)

    def name_words(self) -> frozenset[str]:
        """The words of the city's name in lower case, without the small words of a compound name
        ('Frankfurt am Main' -> frankfurt, main): words that are the city, not a person or a topic."""
        words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", self.name.lower())
        return frozenset(w for w in words if len(w) > 3 or len(words) == 1)

    def place_words(self) -> frozenset[str]:
        """Lower-case names of the city, its districts, neighbours and region (words that are places, not names)."""
        words = {self.name, *self.districts, *self.neighbours, *self.region}
        return frozenset(w.lower() for w in words if w) | self.name_words()

    def place_names(self) -> tuple[str, ...]:
        """Districts and neighbouring towns: the places an answer may only name where its source does (the city's
        own name is not one: every answer is about it)."""
        return tuple(dict.fromkeys(p for p in (*self.districts, *self.neighbours) if p))

    def public_number_digits(self) -> tuple[str, ...]:
        """Digits of every number that is public: central line, service, contacts, emergency, crisis, listed."""
        numbers = [self.phone, self.service_phone, *(c.phone for c in self.contacts), *self.emergency.values(),
                   *self.crisis.values(), *(n for n in self.public_numbers if not _BLOCK.search(n.strip())
                                            or n.strip().endswith("-0"))]
        numbers.append("115")  # the nationwide authority number, whether or not the city answers it itself
        return tuple(dict.fromkeys(d for d in (phone_digits(n) for n in numbers) if d))

    def public_number_blocks(self) -> tuple[str, ...]:
        """Digit prefixes of public extension blocks: the central line's ('02151 86-0' -> '0215186', every
        '02151 86-…' is an office) and each listed block ('02151 86-…')."""
        numbers = [self.phone, self.service_phone, *(c.phone for c in self.contacts), *self.public_numbers]
        return tuple(dict.fromkeys(b for b in map(_block, numbers) if b))

    def link_hosts(self) -> tuple[str, ...]:
        """The city's web hosts an answer may link to (with their subdomains): 'https://www.krefeld.de' and
        'https://service.krefeld.de' -> ('krefeld.de',)."""
        hosts = [(urlsplit(u).hostname or "").removeprefix("www.") for u in (self.website, self.service_portal) if u]
        hosts = [h for h in dict.fromkeys(hosts) if h]
        return tuple(h for h in hosts if not any(h != o and h.endswith("." + o) for o in hosts))

    def values(self) -> dict[str, str]:
        """The placeholders German texts may use."""
        nationwide = ("Die Behördennummer 115 erreichen Sie auch." if self.takes_part_in_115 else
                      "In ganz Deutschland hilft bei Fragen an Ämter auch die Nummer 115.")
        v = {"city": self.name, "official_name": self.display_name, "phone": self.phone,
             "service_name": self.service.name if self.service else self.display_name,
             "service_phone": self.service_phone, "website": self.website, "service_portal": self.service_portal,
             "assistant_name": self.assistant_name or f"Bürgerassistent der {self.display_name}",
             "nationwide_115": nationwide}
        v["handoff"] = _fill(self.handoff, v) if self.handoff else (
            f"Rufen Sie gern {v['service_name']} an: {v['service_phone']}. Die {v['official_name']} erreichen Sie "
            f"auch unter {self.phone}. {nationwide}")
        return v

    def render(self, text: str) -> str:
        """A German text with this city's placeholders filled in; unknown placeholders ("{title}") and other braces
        (a JSON example) stay as they are."""
        return _fill(text, self.values()) if "{" in text else text


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _fill(text: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def load_profile(path: Path | str | None = None) -> CityProfile:
    """The profile at `path` (default: Krefeld's), validated; a broken file names the file, field and reason."""
    return _load(Path(path or DEFAULT_PROFILE).resolve())


@lru_cache(maxsize=8)
def _load(path: Path) -> CityProfile:
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"city profile {path} cannot be read ({exc}); set BA_CITY__PROFILE to a valid "
                                 "profile file") from exc
    if not isinstance(raw, dict):
        raise ConfigurationError(f"city profile {path} is invalid: expected a mapping of fields (name, region_key, "
                                 f"phone, ...), got {type(raw).__name__}")
    try:
        return CityProfile.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or '(top level)'}: {e['msg']}" for e in exc.errors())
        raise ConfigurationError(f"city profile {path} is invalid: {problems} (fields: cities/README.md)") from None


_current: CityProfile | None = None
_selected: Path | None = None


def use_profile(profile: CityProfile) -> CityProfile:
    """Make `profile` the process's city (called once by the wiring, from BA_CITY__PROFILE); German texts rendered
    afterwards name this city."""
    global _current
    _current = profile
    return profile


def select_profile(path: Path | str | None) -> None:
    """Make the profile at `path` (None: Krefeld's) the process's city without reading it yet: `current_profile()`
    reads it when a text first needs it (the command line selects, the commands that need the city read)."""
    global _current, _selected
    _current, _selected = None, Path(path) if path else None


def current_profile() -> CityProfile:
    """The process's city: the one set by `use_profile` or `select_profile`, else the shipped Krefeld profile."""
    return _current or use_profile(load_profile(_selected))
