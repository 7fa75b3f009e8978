"""The citizen's address for the rate limit: the peer, or what a trusted proxy says in X-Forwarded-For.

Behind HAProxy every request comes from the proxy's address, so one bucket would hold all citizens; the proxy names
the real client in X-Forwarded-For. That header is believed only when the direct peer is a configured trusted proxy
(`BA_API__TRUSTED_PROXIES`), and then only up to the first address that is not itself a trusted proxy, read from
the right: each proxy appends what it saw, so everything left of that address was written by the client and may be
made up. The same rule as uvicorn's `forwarded_allow_ips`, which `serve` is given the same list for, so both agree.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Iterable

from starlette.types import Scope

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class TrustedProxies:
    """Resolves the client address of an ASGI scope; with no networks, the peer address is the answer."""

    def __init__(self, networks: Iterable[str] = ()) -> None:
        self.networks: tuple[IPNetwork, ...] = tuple(ipaddress.ip_network(n, strict=False) for n in networks)
        self._trusted = lru_cache(maxsize=4096)(self._is_trusted)

    def __bool__(self) -> bool:
        return bool(self.networks)

    def client(self, scope: Scope) -> str:
        """The address the rate limit counts for this request ("unknown" without a peer, e.g. a Unix socket)."""
        peer = scope.get("client")
        host = peer[0] if peer else None
        if not host:
            return "unknown"
        if not self.networks or not self._trusted(host):
            return host
        forwarded = [v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"x-forwarded-for"]
        return self.from_forwarded(",".join(forwarded)) or host

    def from_forwarded(self, header: str) -> str | None:
        """The rightmost address of an X-Forwarded-For value that is not a trusted proxy; the leftmost when all
        are (the client was a trusted proxy itself); None when the header holds no address at all. Anything that
        is not an IP address (a name, "unknown", garbage) ends the walk: what stands left of it cannot be trusted."""
        hops = [_host(h) for h in header.split(",") if h.strip()]
        if not hops:
            return None
        for hop in reversed(hops):
            if hop is None:
                return None
            if not self._trusted(hop):
                return hop
        return hops[0]

    def _is_trusted(self, host: str) -> bool:
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in net for net in self.networks)


def _host(hop: str) -> str | None:
    """The address of one X-Forwarded-For entry: "1.2.3.4", "1.2.3.4:5678", "2001:db8::1", "[2001:db8::1]:80"."""
    hop = hop.strip()
    if hop.startswith("["):
        hop = hop[1:hop.find("]")] if "]" in hop else hop
    elif hop.count(":") == 1:
        hop = hop.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(hop))
    except ValueError:
        return None
