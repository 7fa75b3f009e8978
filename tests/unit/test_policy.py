"""policy.yaml: every contract rule exists with principle, trigger and German reply; the numbers are right."""

import re

import pytest
import yaml

from corpus.errors import ConfigurationError
from guardrails.policy import DEFAULT_POLICY_PATH, RULE_NAMES, load_policy, parse_policy

POLICY = load_policy()
LEITLINIEN = ("offen und innovativ", "nachhaltig", "vertrauensvoll und sicher", "gemeinsam und mitwirkend",
              "aktiv und befähigend", "inklusiv und geschlechtersensibel")


@pytest.mark.parametrize("name", RULE_NAMES)
def test_every_contract_rule_has_principle_trigger_and_german_response(name):
    rule = POLICY.rule(name)
    assert rule.principles and all(p.title and p.source for p in rule.principles)
    assert len(rule.trigger) > 40
    assert re.search(r"\b(Sie|Ihnen|Ihr|Ihre)\b", rule.response), "responses address citizens with 'Sie'"
    assert re.search(r"[äöüß]|\b(der|die|und|nicht)\b", rule.response)


def test_principles_cover_leitlinien_ki_paragraph_ai_act_and_gdpr():
    titles = " ".join(p.title for p in POLICY.principles.values())
    for leitlinie in LEITLINIEN:
        assert leitlinie in titles
    for needle in ("Der Mensch steht im Mittelpunkt", "ethische Grundsätze", "Datenmanagement", "Beteiligung",
                   "Art. 50", "Art. 5 Abs. 1 lit. c", "Art. 22"):
        assert needle in titles


def test_emergency_names_112_before_110_and_crisis_names_both_lines():
    emergency = POLICY.reply("emergency")
    assert emergency.index("112") < emergency.index("110")
    crisis = POLICY.reply("crisis")
    assert "0800 111 0 111" in crisis and "0800 111 0 222" in crisis and "rund um die Uhr" in crisis


@pytest.mark.parametrize("name", ["individual_decision", "no_information"])
def test_referrals_name_city_numbers_before_115(name):
    text = POLICY.reply(name)
    assert "02151 86-0" in text
    if "115" in text:
        assert text.index("115") > text.index("02151 86-0")
    assert POLICY.rule(name).action == "referral"


def test_actions_and_allow_answer_follow_the_design():
    actions = {n: POLICY.rule(n).action for n in RULE_NAMES}
    assert actions["emergency"] == actions["crisis"] == "handoff"
    assert actions["injection"] == actions["discrimination"] == "refuse"
    assert {actions[n] for n in ("individual_decision", "individual_advice", "political", "out_of_scope")} == {"referral"}
    assert POLICY.rule("individual_decision").allow_answer and not POLICY.rule("injection").allow_answer
    assert "dsgvo_art22" in [p.key for p in POLICY.rule("individual_decision").principles]


def test_disclosure_notice_says_ki_and_not_binding():
    notice = POLICY.disclosure_notice
    assert "KI-Assistent" in notice and "nicht rechtsverbindlich" in notice and "02151 86-0" in notice


MASCULINE = ("Bürger", "Mitarbeiter", "Berater", "Rechtsanwalt", "Steuerberater", "Arzt", "Politiker",
             "Ansprechpartner")


@pytest.mark.parametrize("name", RULE_NAMES)
def test_responses_use_gender_sensitive_pairs(name):
    text = POLICY.reply(name) + " " + POLICY.disclosure_notice + " " + POLICY.safe_fallback
    for word in MASCULINE:
        for m in re.finditer(rf"\b{word}\b", text):
            assert re.search(rf"{word}in(nen)?\b|{word[:-1]}ärztin|Ärztin", text), f"{word} without feminine form"


def _raw():
    return yaml.safe_load(DEFAULT_POLICY_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize("mutate, message", [
    (lambda r: r["rules"].pop("crisis"), "missing ['crisis']"),
    (lambda r: r["rules"]["political"].update(action="ignore"), "action must be one of"),
    (lambda r: r["rules"]["injection"].update(principles=["nonexistent"]), "unknown principles"),
    (lambda r: r["rules"]["emergency"].update(response=""), "'response' must be a non-empty"),
    (lambda r: r.pop("disclosure_notice"), "disclosure_notice"),
])
def test_invalid_policy_is_rejected_with_the_reason(mutate, message):
    raw = _raw()
    mutate(raw)
    with pytest.raises(ConfigurationError, match=re.escape(message)):
        parse_policy(raw)


def test_missing_file_names_the_setting(tmp_path):
    with pytest.raises(ConfigurationError, match="BA_GUARDRAILS__POLICY_PATH"):
        load_policy(tmp_path / "nope.yaml")
