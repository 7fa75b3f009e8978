"""Session stores: the in-memory LRU, the SQLite file shared by worker processes and Redis behave alike."""

from __future__ import annotations

import json
import sqlite3

import fakeredis
import pytest

from assistant.session_redis import RedisSessionStore
from assistant.session_sqlite import SqliteSessionStore
from assistant.sessions import InMemorySessionStore, Session, remember


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["memory", "sqlite", "redis"])
def make_store(request, tmp_path):
    def make(clock: Clock, ttl_s: float = 60, max_sessions: int = 100):
        if request.param == "memory":
            return InMemorySessionStore(ttl_s, max_sessions, clock=clock)
        if request.param == "redis":
            return RedisSessionStore(fakeredis.FakeRedis(), ttl_s, clock=clock)
        return SqliteSessionStore(tmp_path / "sessions.sqlite3", ttl_s, max_sessions, clock=clock)
    make.backend = request.param
    return make


def test_a_session_comes_back_as_it_was_stored(make_store):
    store = make_store(Clock())
    session = Session(id="abc")
    remember(session, "Was kostet ein Personalausweis?", "personalausweis-beantragen", "Personalausweis beantragen")
    store.put(session)
    got = store.get("abc")
    assert (got.topic, got.topic_title, got.turns, got.history) == (
        "personalausweis-beantragen", "Personalausweis beantragen", 1, ["Was kostet ein Personalausweis?"])
    assert store.get("unknown") is None


def test_a_session_expires_after_its_time_to_live(make_store):
    if make_store.backend == "redis":
        pytest.skip("Redis expires keys on its own clock: test_redis_gives_each_session_its_time_to_live")
    clock = Clock()
    store = make_store(clock, ttl_s=60)
    store.put(Session(id="abc", topic="hundesteuer"))
    clock.now += 59
    assert store.get("abc") is not None
    clock.now += 2
    assert store.get("abc") is None


def test_two_workers_share_the_sqlite_file(tmp_path):
    clock = Clock()
    first = SqliteSessionStore(tmp_path / "s.sqlite3", clock=clock)
    second = SqliteSessionStore(tmp_path / "s.sqlite3", clock=clock)  # another process, the same file
    session = Session(id="s1")
    remember(session, "Ich habe einen Hund.", "hundesteuer", "Hund anmelden und Hundesteuer")
    first.put(session)
    follow = second.get("s1")
    assert follow is not None and follow.topic == "hundesteuer"
    remember(follow, "Was kostet das?", "hundesteuer", "Hund anmelden und Hundesteuer")
    second.put(follow)
    assert first.get("s1").turns == 2


def test_sqlite_prune_drops_expired_and_least_recently_used_sessions(tmp_path):
    clock = Clock()
    store = SqliteSessionStore(tmp_path / "s.sqlite3", ttl_s=60, max_sessions=3, clock=clock)
    for i in range(5):
        clock.now += 1
        store.put(Session(id=f"s{i}"))
    store.prune()
    assert [store.get(f"s{i}") is not None for i in range(5)] == [False, False, True, True, True]
    clock.now += 120
    store.prune()
    assert len(store) == 0


def test_sqlite_stores_only_the_sessions_fields(tmp_path):
    store = SqliteSessionStore(tmp_path / "s.sqlite3")
    session = Session(id="s1")
    remember(session, "Mein Name ist <PERSON_1>, was kostet ein Pass?", "reisepass-beantragen", "Reisepass beantragen")
    store.put(session)
    (data,) = sqlite3.connect(tmp_path / "s.sqlite3").execute("SELECT data FROM sessions").fetchone()
    assert set(json.loads(data)) == {"id", "topic", "topic_title", "turns", "history"}


def test_ttl_must_be_positive(tmp_path):
    with pytest.raises(ValueError, match="ttl_s must be > 0, got 0"):
        SqliteSessionStore(tmp_path / "s.sqlite3", ttl_s=0)


def test_several_workers_get_the_shared_store(tmp_path):
    from assistant.build import build_session_store
    from assistant.settings import APISettings, SessionSettings, Settings

    one = Settings(session=SessionSettings(path=tmp_path / "s.sqlite3"))
    assert isinstance(build_session_store(one), InMemorySessionStore)
    two = one.model_copy(update={"api": APISettings(workers=2)})
    assert isinstance(build_session_store(two), SqliteSessionStore)


def test_two_replicas_share_sessions_in_redis():
    server = fakeredis.FakeServer()
    first = RedisSessionStore(fakeredis.FakeRedis(server=server), prefix="krefeld:")
    second = RedisSessionStore(fakeredis.FakeRedis(server=server), prefix="krefeld:")  # another replica
    session = Session(id="s1")
    remember(session, "Ich habe einen Hund.", "hundesteuer", "Hund anmelden und Hundesteuer")
    first.put(session)
    follow = second.get("s1")
    assert follow is not None and follow.topic == "hundesteuer"
    remember(follow, "Was kostet das?", "hundesteuer", "Hund anmelden und Hundesteuer")
    second.put(follow)
    assert first.get("s1").turns == 2
    other_city = RedisSessionStore(fakeredis.FakeRedis(server=server), prefix="moers:")
    assert other_city.get("s1") is None


def test_redis_gives_each_session_its_time_to_live_and_stores_only_its_fields():
    client = fakeredis.FakeRedis()
    store = RedisSessionStore(client, ttl_s=90)
    session = Session(id="s1")
    remember(session, "Mein Name ist <PERSON_1>, was kostet ein Pass?", "reisepass-beantragen", "Reisepass beantragen")
    store.put(session)
    assert 89_000 < client.pttl("ba:session:s1") <= 90_000  # renewed by every answered turn
    assert set(json.loads(client.get("ba:session:s1"))) == {"id", "topic", "topic_title", "turns", "history",
                                                             "updated"}


def test_unreachable_redis_is_backend_unavailable_naming_the_server_not_its_password():
    from corpus.errors import BackendUnavailable

    store = RedisSessionStore.from_url("redis://:geheim@127.0.0.1:1/0", timeout_s=0.2)
    with pytest.raises(BackendUnavailable, match=r"Redis at redis://127\.0\.0\.1:1/0 unreachable") as err:
        store.get("s1")
    assert "geheim" not in str(err.value)


def test_redis_backend_is_chosen_by_settings():
    from assistant.build import build_session_store
    from assistant.settings import Settings

    store = build_session_store(Settings(session={"backend": "redis", "ttl_s": 120},
                                         redis={"url": "redis://127.0.0.1:6390/2", "key_prefix": "kr:"}))
    assert isinstance(store, RedisSessionStore) and store.ttl_s == 120 and store.prefix == "kr:session:"
    with pytest.raises(ValueError, match="BA_SESSION__BACKEND=redis needs BA_REDIS__URL"):
        Settings(session={"backend": "redis"})
