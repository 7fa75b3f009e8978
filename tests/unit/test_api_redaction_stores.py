"""Personal data an attack run found stored unredacted (lower-case surnames, "van der" surnames, a Dutch mobile number,
a telephone number with no-break spaces, an IBAN with hyphens) goes through the chat and feedback endpoints of the app
with the real German redactor, and none of it is in the session store, the feedback store or the staff export.
All names and numbers are fictitious."""

from __future__ import annotations

import json
import sqlite3

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.session_sqlite import SqliteSessionStore
from assistant.sessions import InMemorySessionStore
from assistant.settings import Settings
from tests.fakes import RedactingInputGuard, make_test_assistant

KEY = {"X-API-Key": "staff-secret"}
NBSP = "\u00a0"

# (message, the personal data in it that must not be stored)
MESSAGES = [
    ("hallo, ich heiße petra schmitz, wann kann ich meinen perso abholen?", ["petra", "schmitz"]),
    ("mein nachname ist kowalczyk, was kostet ein perso?", ["kowalczyk"]),
    ("Ich bin Marieke van der Linden und brauche einen Personalausweis.", ["Marieke", "van der Linden"]),
    ("ich heiße jan van den bosch, wie lange dauert der perso?", ["jan van den bosch", "bosch"]),
    ("Erreichbar bin ich unter +31 6 12345678, was kostet die Hundesteuer?", ["12345678", "+31 6"]),
    (f"Bitte Rückruf: Tel.{NBSP}0171{NBSP}9876543 wegen Perso", ["9876543", f"0171{NBSP}9876"]),
    ("Erstattung der Hundesteuer bitte auf DE89-3704-0044-0532-0130-00", ["3704-0044", "0532-0130", "DE89"]),
]
COMMENTS = [
    "danke, grüße petra schmitz",
    "Gruß, Marieke van der Linden, +31 6 12345678",
    f"ruft mich an: 0171{NBSP}9876543 oder überweist auf DE89-3704-0044-0532-0130-00",
]


def _stores(tmp_path, kind: str):
    if kind == "sqlite":
        return SqliteSessionStore(tmp_path / "sessions.sqlite3")
    return InMemorySessionStore(ttl_s=600)


def _session_dump(store, tmp_path) -> str:
    """Everything the session store holds, as text: the database files, or the in-memory sessions."""
    if isinstance(store, SqliteSessionStore):
        return "".join(p.read_bytes().decode("utf-8", "replace") for p in tmp_path.glob("sessions.sqlite3*"))
    return repr(store._data)


@pytest.mark.parametrize("store_kind", ["memory", "sqlite"])
def test_attack_messages_leave_no_personal_data_in_sessions_feedback_or_export(redactor, tmp_path, store_kind):
    settings = Settings(api={"feedback_db": tmp_path / "feedback.sqlite3", "staff_api_key": "staff-secret",
                             "rate_limit_per_minute": 0})
    assistant = make_test_assistant(RedactingInputGuard(redactor))
    assistant.sessions = _stores(tmp_path, store_kind)
    with TestClient(create_app(settings, assistant), raise_server_exceptions=False) as client:
        session_id = None
        for message, _ in MESSAGES:
            r = client.post("/api/v1/chat", json={"message": message, "session_id": session_id})
            assert r.status_code == 200, r.text
            session_id = r.json()["session_id"]
            assert r.json()["redactions"], f"nothing redacted in {message!r}"
        for comment in COMMENTS:
            r = client.post("/api/v1/feedback", json={"session_id": session_id, "rating": "down", "comment": comment})
            assert r.status_code == 201 and r.json()["comment_stored"] is True
        export = json.dumps(client.get("/api/v1/feedback", headers=KEY).json(), ensure_ascii=False)

    sessions = _session_dump(assistant.sessions, tmp_path)
    rows = sqlite3.connect(tmp_path / "feedback.sqlite3").execute("SELECT * FROM feedback").fetchall()
    feedback = json.dumps(rows, ensure_ascii=False)
    assert "<PERSON_1>" in sessions and "<IBAN_1>" in feedback + sessions  # the stores were written at all
    secrets = [s for _, found in MESSAGES for s in found] + ["petra schmitz", "Marieke", "van der Linden", "12345678",
                                                              "9876543", "0532-0130"]
    for where, content in (("session store", sessions), ("feedback store", feedback), ("staff export", export)):
        leaked = [s for s in secrets if s.lower() in content.lower()]
        assert leaked == [], f"{where} holds {leaked}"
