"""The rate limit's client address: X-Forwarded-For is believed only from trusted proxies, read from the right."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.client_address import TrustedProxies
from assistant.settings import Settings
from tests.fakes import make_test_assistant


def scope(peer: str, *forwarded: str) -> dict:
    return {"client": (peer, 40000), "headers": [(b"x-forwarded-for", v.encode()) for v in forwarded]}


@pytest.mark.parametrize("trusted, peer, forwarded, client", [
    ([], "203.0.113.5", ["1.2.3.4"], "203.0.113.5"),                          # default: the header is ignored
    (["10.0.0.0/8"], "203.0.113.5", ["1.2.3.4"], "203.0.113.5"),              # a client is no proxy
    (["10.0.0.0/8"], "10.0.0.2", ["198.51.100.7"], "198.51.100.7"),           # HAProxy names the client
    (["10.0.0.0/8"], "10.0.0.2", ["1.2.3.4, 198.51.100.7"], "198.51.100.7"),  # made-up entry left of it: ignored
    (["10.0.0.0/8"], "10.0.0.2", ["1.2.3.4", "198.51.100.7"], "198.51.100.7"),  # two header lines, in order
    (["10.0.0.0/8"], "10.0.0.2", ["198.51.100.7, 10.0.0.3"], "198.51.100.7"),  # a second proxy of ours
    (["10.0.0.0/8"], "10.0.0.2", ["10.0.0.9, 10.0.0.3"], "10.0.0.9"),         # all trusted: the first
    (["10.0.0.0/8"], "10.0.0.2", ["198.51.100.7:5123"], "198.51.100.7"),      # with a port
    (["10.0.0.0/8"], "10.0.0.2", ["[2001:db8::7]:443"], "2001:db8::7"),
    (["10.0.0.0/8"], "10.0.0.2", ["1.2.3.4, nonsense"], "10.0.0.2"),          # garbage: the proxy's own bucket
    (["10.0.0.0/8"], "10.0.0.2", [], "10.0.0.2"),                             # no header
    (["127.0.0.1"], "127.0.0.1", ["127.0.0.5"], "127.0.0.5"),                 # a single address
    (["::1/128"], "::1", ["2001:db8::9"], "2001:db8::9"),
])
def test_client_address(trusted, peer, forwarded, client):
    assert TrustedProxies(trusted).client(scope(peer, *forwarded)) == client


def test_no_peer_is_unknown():
    assert TrustedProxies(["10.0.0.0/8"]).client({"headers": []}) == "unknown"


def test_invalid_trusted_proxies_fail_at_start():
    with pytest.raises(ValueError, match="trusted_proxies entries must be IP addresses or CIDRs, got 'proxy'"):
        Settings(api={"trusted_proxies": ["proxy"]})


def make_client(tmp_path, peer: str, **api) -> TestClient:
    settings = Settings(api={"feedback_db": tmp_path / "f.sqlite3", "rate_limit_per_minute": 1,
                             "rate_limit_burst": 2, **api})
    return TestClient(create_app(settings, make_test_assistant()), client=(peer, 40000))


def test_forged_header_from_an_untrusted_client_does_not_buy_a_new_bucket(tmp_path):
    with make_client(tmp_path, "203.0.113.5") as c:
        codes = [c.get("/api/v1/services", headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code
                 for i in range(4)]
    assert codes == [200, 200, 429, 429]


def test_behind_a_trusted_proxy_each_citizen_has_a_bucket(tmp_path):
    with make_client(tmp_path, "10.0.0.2", trusted_proxies=["10.0.0.0/8"]) as c:
        codes = [c.get("/api/v1/services", headers={"X-Forwarded-For": f"198.51.100.{i % 3}"}).status_code
                 for i in range(6)]
        assert codes == [200] * 6  # three citizens, two requests each: nobody over the burst
        assert c.get("/api/v1/services", headers={"X-Forwarded-For": "198.51.100.0"}).status_code == 429
