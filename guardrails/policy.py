"""The policy of guardrails/policy.yaml as typed rules: which messages the assistant hands over, refuses or refers.

Each rule names the principles it serves (Leitbild and Leitlinien of the Smart City Krefeld strategy, its KI
paragraph, EU AI Act Art. 50, GDPR Art. 5(1)(c) and Art. 22), a trigger description and the German reply. The rule
names are a contract (docs/architecture.md): loading fails when one is missing, so the API never emits an unknown rule.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

import yaml

from corpus.errors import ConfigurationError

if TYPE_CHECKING:
    from corpus.city import CityProfile

DEFAULT_POLICY_PATH = Path(__file__).with_name("policy.yaml")

RULE_NAMES: tuple[str, ...] = (
    "emergency", "crisis", "injection", "individual_decision", "individual_advice", "political",
    "discrimination", "out_of_scope", "no_information",
)
ACTIONS: frozenset[str] = frozenset({"handoff", "refuse", "referral"})

# Order in which the classifier resolves several matching rules: danger to people first, then attacks on the
# assistant, then the rules that only change how the assistant answers.
PRIORITY: tuple[str, ...] = (
    "emergency", "crisis", "injection", "discrimination", "individual_decision", "individual_advice",
    "political", "out_of_scope",
)


@dataclass(frozen=True)
class Principle:
    key: str
    title: str
    source: str


@dataclass(frozen=True)
class Rule:
    name: str
    action: str
    allow_answer: bool
    principles: tuple[Principle, ...]
    trigger: str
    response: str


@dataclass(frozen=True)
class Policy:
    rules: Mapping[str, Rule]
    principles: Mapping[str, Principle]
    disclosure_notice: str
    safe_fallback: str
    version: int = 1

    def rule(self, name: str) -> Rule:
        try:
            return self.rules[name]
        except KeyError:
            raise KeyError(f"unknown policy rule {name!r}; valid: {sorted(self.rules)}") from None

    def reply(self, name: str) -> str:
        return self.rule(name).response


def load_policy(path: Path | None = None, city: "CityProfile | None" = None) -> Policy:
    """Read and validate the policy file; every problem is reported with the field and the fix. The citizen texts'
    placeholders ({official_name}, {phone}, {handoff}, ...) are filled in from the city profile (`city`, default:
    the configured one, corpus.city.current_profile)."""
    path = Path(path) if path is not None else DEFAULT_POLICY_PATH
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigurationError(f"policy file {path} cannot be read ({exc}); set BA_GUARDRAILS__POLICY_PATH "
                                 "to an existing policy.yaml") from exc
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"policy file {path} is not valid YAML: {exc}") from exc
    return parse_policy(raw, source=str(path), city=city)


def parse_policy(raw: Any, source: str = "<policy>", city: "CityProfile | None" = None) -> Policy:
    if not isinstance(raw, dict):
        raise ConfigurationError(f"{source}: expected a mapping at the top level, got {type(raw).__name__}")
    principles = _parse_principles(raw.get("principles"), source)
    rules_raw = raw.get("rules")
    if not isinstance(rules_raw, dict):
        raise ConfigurationError(f"{source}: 'rules' must be a mapping of rule name to rule")
    missing = [n for n in RULE_NAMES if n not in rules_raw]
    unknown = [n for n in rules_raw if n not in RULE_NAMES]
    if missing or unknown:
        raise ConfigurationError(f"{source}: rules must be exactly {list(RULE_NAMES)}; missing {missing}, "
                                 f"unknown {unknown}")
    rules = {name: _parse_rule(name, rules_raw[name], principles, source) for name in RULE_NAMES}
    for key in ("disclosure_notice", "safe_fallback"):
        if not _text(raw.get(key)):
            raise ConfigurationError(f"{source}: '{key}' must be a non-empty German text")
    for key in ("disclosure_principles", "safe_fallback_principles"):
        _resolve(raw.get(key), principles, f"{source}: {key}")
    from corpus.city import current_profile

    render = (city or current_profile()).render
    rules = {name: replace(rule, response=render(rule.response)) for name, rule in rules.items()}
    return Policy(rules=rules, principles=principles, disclosure_notice=render(_text(raw["disclosure_notice"])),
                  safe_fallback=render(_text(raw["safe_fallback"])), version=int(raw.get("version", 1)))


def _parse_principles(raw: Any, source: str) -> dict[str, Principle]:
    if not isinstance(raw, dict) or not raw:
        raise ConfigurationError(f"{source}: 'principles' must be a non-empty mapping")
    out = {}
    for key, entry in raw.items():
        if not isinstance(entry, dict) or not _text(entry.get("title")) or not _text(entry.get("source")):
            raise ConfigurationError(f"{source}: principle {key!r} needs a 'title' and a 'source'")
        out[key] = Principle(key=key, title=_text(entry["title"]), source=_text(entry["source"]))
    return out


def _parse_rule(name: str, raw: Any, principles: dict[str, Principle], source: str) -> Rule:
    where = f"{source}: rule {name!r}"
    if not isinstance(raw, dict):
        raise ConfigurationError(f"{where} must be a mapping")
    action = raw.get("action")
    if action not in ACTIONS:
        raise ConfigurationError(f"{where}: action must be one of {sorted(ACTIONS)}, got {action!r}")
    for key in ("trigger", "response"):
        if not _text(raw.get(key)):
            raise ConfigurationError(f"{where}: '{key}' must be a non-empty text")
    allow = raw.get("allow_answer", False)
    if not isinstance(allow, bool):
        raise ConfigurationError(f"{where}: allow_answer must be true or false, got {allow!r}")
    return Rule(name=name, action=action, allow_answer=allow,
                principles=_resolve(raw.get("principles"), principles, where),
                trigger=_text(raw["trigger"]), response=_text(raw["response"]))


def _resolve(keys: Any, principles: dict[str, Principle], where: str) -> tuple[Principle, ...]:
    if not isinstance(keys, list) or not keys:
        raise ConfigurationError(f"{where}: 'principles' must list at least one principle key")
    unknown = [k for k in keys if k not in principles]
    if unknown:
        raise ConfigurationError(f"{where}: unknown principles {unknown}; valid: {sorted(principles)}")
    return tuple(principles[k] for k in keys)


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""
