"""Personal data never reaches the LLM prompt, a log line, the audit file or the session store.

The real German redactor and policy guard sit in front of a real Assistant whose LLM backend is a chat model that
records the messages it is actually sent; the assertions are on those messages, the captured log records, the
audit file on disk and the stored session, not on return values.
"""

import logging

import pytest

from assistant.llm.generator import LLMGenerator
from guardrails.audit import AuditLog
from guardrails.classifier import PolicyClassifier
from guardrails.input_guard import PolicyInputGuard
from guardrails.pii.log_filter import PiiLogFilter
from guardrails.pii.redactor import PresidioRedactor
from guardrails.policy import load_policy
from tests.fakes import FakeChatModel, make_test_assistant

pytestmark = pytest.mark.integration

SECRETS = ["Anna Vogel", "Uerdinger Str. 12", "anna.vogel@example.org", "0171 2345678",
           "DE89 3704 0044 0532 0130 00"]
MESSAGE = ("Hallo, ich bin Anna Vogel, Uerdinger Str. 12, 47799 Krefeld, Mail anna.vogel@example.org, "
           "Handy 0171 2345678, IBAN DE89 3704 0044 0532 0130 00. Was kostet die Hundesteuer?")


@pytest.fixture(scope="module")
def redactor():
    r = PresidioRedactor()
    r.load()
    return r


def test_nothing_personal_leaves_the_guard(redactor, tmp_path, caplog):
    policy = load_policy()
    guard = PolicyInputGuard(redactor=redactor, classifier=PolicyClassifier(policy).load(), policy=policy)
    chat = FakeChatModel(replies=["Die Hundesteuer für den ersten Hund beträgt 120,00 Euro im Jahr [1]."])
    assistant = make_test_assistant(input_guard=guard, generator=LLMGenerator(chat, backend="fake"))
    assistant.audit = AuditLog(tmp_path / "audit.jsonl")
    log_filter = PiiLogFilter(redactor)
    caplog.handler.addFilter(log_filter)
    caplog.set_level(logging.DEBUG)
    logging.getLogger("test").info("citizen wrote: %s", MESSAGE)  # a mistaken log line must be redacted too

    answer = assistant.answer(MESSAGE)

    assert answer.mode == "llm" and "120,00 Euro" in answer.text
    assert {r.type for r in answer.redactions} >= {"PERSON", "ADDRESS", "EMAIL", "PHONE", "IBAN"}
    sent = "\n".join(str(m.content) for call in chat.history for m in call)
    assert "Hundesteuer" in sent and "<PERSON_1>" in sent
    audit_text = (tmp_path / "audit.jsonl").read_text(encoding="utf-8")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    session = assistant.sessions.get(answer.session_id)
    stored = " ".join(session.history) + str(session.topic)
    for secret in SECRETS:
        assert secret not in sent, f"{secret!r} reached the LLM prompt"
        assert secret not in logged, f"{secret!r} reached a log line"
        assert secret not in audit_text, f"{secret!r} reached the audit file"
        assert secret not in stored, f"{secret!r} reached the session store"
        assert secret not in answer.text
