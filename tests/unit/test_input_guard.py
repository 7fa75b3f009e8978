"""PolicyInputGuard: redacts first, classifies the redacted text, maps rules to outcomes and replies."""

import pytest

from corpus.types import Outcome, Question
from guardrails.classifier import Classification, PolicyClassifier
from guardrails.input_guard import PolicyInputGuard
from guardrails.policy import load_policy
from tests.fakes import RegexRedactor

POLICY = load_policy()


class SpyClassifier:
    """Returns a fixed rule and records the text it was given."""

    def __init__(self, rule=None):
        self.rule = rule
        self.seen = []

    def classify(self, text):
        self.seen.append(text)
        if self.rule is None:
            return Classification(rule=None, action="answer", score=0.0)
        r = POLICY.rule(self.rule)
        return Classification(rule=r.name, action=r.action, score=1.0, allow_answer=r.allow_answer)


def test_classifier_only_sees_redacted_text():
    spy = SpyClassifier()
    guard = PolicyInputGuard(RegexRedactor(), spy, POLICY)
    checked = guard.check(Question(text="Ich bin max@example.org, Tel. 0171 2345678. Wie melde ich mich um?"))
    assert "max@example.org" not in spy.seen[0] and "2345678" not in spy.seen[0]
    assert "<EMAIL_ADDRESS>" in checked.text
    assert [r.type for r in checked.redactions] == ["EMAIL_ADDRESS", "PHONE_NUMBER"]
    assert checked.outcome is Outcome.PASS and checked.rule is None and checked.reply is None


@pytest.mark.parametrize("rule, outcome, allow", [
        ("emergency", Outcome.HANDOFF, True), ("crisis", Outcome.HANDOFF, True),  # the reply first, then any answer
    ("injection", Outcome.REFUSE, False), ("discrimination", Outcome.REFUSE, False),
    ("individual_decision", Outcome.REFERRAL, True), ("individual_advice", Outcome.REFERRAL, True),
    ("political", Outcome.REFERRAL, False), ("out_of_scope", Outcome.REFERRAL, False),
])
def test_rule_maps_to_outcome_reply_and_allow_answer(rule, outcome, allow):
    checked = PolicyInputGuard(RegexRedactor(), SpyClassifier(rule), POLICY).check(Question(text="egal"))
    assert checked.outcome is outcome and checked.rule == rule
    assert checked.reply == POLICY.reply(rule) and checked.allow_answer is allow


def test_real_classifier_end_to_end():
    guard = PolicyInputGuard(RegexRedactor(), PolicyClassifier(POLICY).load(), POLICY)
    checked = guard.check(Question(text="Mein Mann ist bewusstlos! Rückruf an 0171 9876543"))
    assert checked.outcome is Outcome.HANDOFF and "112" in checked.reply and "9876543" not in checked.text
    assert guard.check(Question(text="Wie beantrage ich einen Reisepass?")).outcome is Outcome.PASS


def test_blank_message_passes_without_classification():
    spy = SpyClassifier("injection")
    assert PolicyInputGuard(RegexRedactor(), spy, POLICY).check(Question(text="   ")).outcome is Outcome.PASS
    assert spy.seen == []
