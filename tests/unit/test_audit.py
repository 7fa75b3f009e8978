"""AuditLog: JSON lines with hashed session and redaction counts, never text; safe for concurrent appends."""

import json
import threading

import pytest

from corpus.types import Redaction
from guardrails.audit import AuditLog


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_record_has_contract_fields_and_hashed_session(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl", salt="s1")
    log.record(session_id="abc", rule="emergency", action="handoff", backend="extractive", mode="extractive",
               latency_ms=12.5, redactions=[Redaction("PERSON", 0, 4), Redaction("PERSON", 5, 9), "IBAN_CODE"])
    (rec,) = lines(tmp_path / "audit.jsonl")
    assert set(rec) >= {"ts", "session", "rule", "action", "redactions", "backend", "mode", "latency_ms",
                        "fallback_reason"}
    assert rec["redactions"] == {"IBAN_CODE": 1, "PERSON": 2}
    assert rec["session"] != "abc" and len(rec["session"]) == 32
    assert rec["session"] == log.session_hash("abc")
    assert AuditLog(tmp_path / "b.jsonl", salt="s2").session_hash("abc") != rec["session"]


@pytest.mark.parametrize("field", ["text", "message", "answer", "Question", "reply"])
def test_text_fields_are_refused(tmp_path, field):
    log = AuditLog(tmp_path / "audit.jsonl", salt="s")
    with pytest.raises(ValueError, match="never carry message text"):
        log.record(session_id="abc", rule=None, **{field: "Mein Name ist Erika"})
    assert not (tmp_path / "audit.jsonl").exists()


def test_non_scalar_values_are_refused(tmp_path):
    with pytest.raises(ValueError, match="scalar"):
        AuditLog(tmp_path / "a.jsonl", salt="s").record(rule="x", extra={"nested": {"deep": 1}})


def test_concurrent_appends_stay_whole_lines(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl", salt="s")

    def work(n):
        for i in range(50):
            log.record(session_id=f"s{n}", rule=None, action="answer", latency_ms=float(i))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    records = lines(tmp_path / "audit.jsonl")
    assert len(records) == 400 and len({r["session"] for r in records}) == 8


def test_rotated_or_removed_log_is_opened_again(tmp_path):
    path = tmp_path / "logs" / "audit.jsonl"
    log = AuditLog(path, salt="s")
    log.record(action="answer", rule="first")
    path.rename(tmp_path / "logs" / "audit.jsonl.1")  # logrotate moves the file away
    log.record(action="answer", rule="second")
    assert [r["rule"] for r in lines(tmp_path / "logs" / "audit.jsonl.1")] == ["first"]
    assert [r["rule"] for r in lines(path)] == ["second"]
    path.unlink()
    log.record(action="refuse", rule="third")
    log.record(action="refuse", rule="fourth")
    assert [r["rule"] for r in lines(path)] == ["third", "fourth"]
    log.close()
    log.record(action="answer", rule="after close")  # closing only releases the descriptor
    assert lines(path)[-1]["rule"] == "after close"
