"""Input guard: redact personal data first, then apply the policy to the redacted text.

The order is the point (GDPR Art. 5(1)(c), data minimisation): nothing downstream, the classifier's reasons and the
audit log included, ever sees the raw personal data. The decision follows the rule's action in guardrails/policy.yaml:
emergency and crisis hand over (112/110, Telefonseelsorge), injection and discrimination are refused, decisions,
advice, politics and off-topic questions are referred; `allow_answer` says whether retrieval may still add general
information.

Before both, the message is reduced to what a reader sees (`guardrails.normalize.visible`): a name split by a
zero-width space is still a name, and an instruction hidden in Unicode tag characters is gone before a classifier or
a model could read it.
"""

from __future__ import annotations

from corpus.types import Checked, Outcome, Question
from guardrails.classifier import Classification, PolicyClassifier
from guardrails.normalize import visible
from guardrails.policy import Policy
from guardrails.protocols import Redactor

OUTCOMES: dict[str, Outcome] = {"handoff": Outcome.HANDOFF, "refuse": Outcome.REFUSE, "referral": Outcome.REFERRAL}


class PolicyInputGuard:
    """InputGuard: `Redactor` then `PolicyClassifier`; a blank message passes (the API rejects it earlier)."""

    def __init__(self, redactor: Redactor, classifier: PolicyClassifier, policy: Policy) -> None:
        self.redactor = redactor
        self.classifier = classifier
        self.policy = policy
        self.last: Classification | None = None  # for logs and evals; holds no raw text

    def check(self, question: Question) -> Checked:
        text, redactions = self.redactor.redact(visible(question.text))
        if not text.strip():
            return Checked(text=text, redactions=redactions)
        result = self.classifier.classify(text)
        self.last = result
        if result.rule is None:
            return Checked(text=text, redactions=redactions)
        rule = self.policy.rule(result.rule)
        return Checked(text=text, outcome=OUTCOMES[rule.action], rule=rule.name, reply=rule.response,
                       redactions=redactions, allow_answer=rule.allow_answer)
