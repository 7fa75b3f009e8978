"""Bounded load test of `POST /api/v1/chat` on loopback: N concurrent clients for a fixed time.

    python -m evals.load_chat --clients 50 --duration 60            # starts its own server (extractive)
    python -m evals.load_chat --url http://127.0.0.1:8000 --clients 10 --duration 20

Each client sends one question after the other (optionally pausing about `--think` seconds in between, as a
person reading the answer would), cycling through the questions of an eval dataset. Prints p50/p95/p99 latency, errors, requests per
second and, for a server it started itself, the server's resident memory before and after. Refuses any address
that is not loopback: this is a capacity check of one's own machine, not a tool to load someone else's server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

import httpx

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DEFAULT_QUESTIONS = Path(__file__).resolve().parent / "data" / "retrieval_dev.jsonl"
MAX_CLIENTS, MAX_DURATION_S = 200, 600


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not 1 <= args.clients <= MAX_CLIENTS or not 1 <= args.duration <= MAX_DURATION_S:
        sys.exit(f"--clients must be 1..{MAX_CLIENTS} and --duration 1..{MAX_DURATION_S} s")
    questions = load_questions(args.questions)
    if args.url:
        _require_loopback(args.url)
        report = asyncio.run(run_load(args.url, questions, args.clients, args.duration, args.think, args.warmup))
    else:
        with own_server(args.startup_timeout, args.workers) as (url, pid):
            report = {"rss_before_mb": rss_mb(pid)}
            report |= asyncio.run(run_load(url, questions, args.clients, args.duration, args.think, args.warmup))
            report["rss_after_mb"] = rss_mb(pid)
    report |= {"clients": args.clients, "duration_s": args.duration, "think_s": args.think,
               "questions": len(questions)}
    print(json.dumps(report, ensure_ascii=False) if args.json else _human(report))
    return 0 if report["errors"] == 0 else 1


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--url", help="Base URL of a running server on loopback (default: start one).")
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--duration", type=float, default=60.0, help="Seconds of measured load.")
    p.add_argument("--think", type=float, default=0.0,
                   help="Mean pause per client between requests (s), drawn uniformly from 0.5x..1.5x.")
    p.add_argument("--warmup", type=float, default=3.0, help="Unmeasured seconds before the measurement.")
    p.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="JSONL with a query/message field.")
    p.add_argument("--startup-timeout", type=float, default=900.0, help="Seconds to wait for /readyz.")
    p.add_argument("--workers", type=int, default=1, help="Worker processes of the server it starts "
                   "(BA_API__WORKERS); RSS is then the sum over them.")
    p.add_argument("--json", action="store_true", help="Print one JSON object.")
    return p


def load_questions(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            text = obj.get("query") or obj.get("message") or obj.get("question")
            if text:
                out.append(str(text))
    if not out:
        sys.exit(f"{path} holds no questions (expected a 'query', 'message' or 'question' field per line)")
    return out


async def run_load(url: str, questions: list[str], clients: int, duration: float, think: float,
                   warmup: float) -> dict:
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=30.0, limits=limits) as http:
        start = time.perf_counter()
        measure_from = start + warmup
        stop = measure_from + duration

        async def client(n: int) -> None:
            i = n * 7
            rng = random.Random(n)
            if think:  # spread the clients out: people do not all press Enter in the same millisecond
                await asyncio.sleep(rng.uniform(0, think))
            while time.perf_counter() < stop:
                q = questions[i % len(questions)]
                i += 1
                t = time.perf_counter()
                try:
                    r = await http.post("/api/v1/chat", json={"message": q})
                    failed = None if r.status_code == 200 else f"HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    failed = type(exc).__name__
                if t >= measure_from:
                    latencies.append(time.perf_counter() - t)
                    if failed:
                        errors[failed] += 1
                if think:
                    await asyncio.sleep(rng.uniform(0.5, 1.5) * think)

        await asyncio.gather(*(client(n) for n in range(clients)))
        elapsed = time.perf_counter() - measure_from
    latencies.sort()
    ms = [x * 1000 for x in latencies]
    return {"requests": len(ms), "errors": sum(errors.values()), "error_kinds": dict(errors),
            "rps": round(len(ms) / elapsed, 1) if elapsed > 0 else 0.0,
            "p50_ms": _pct(ms, 50), "p95_ms": _pct(ms, 95), "p99_ms": _pct(ms, 99),
            "max_ms": round(ms[-1], 1) if ms else None, "mean_ms": round(statistics.fmean(ms), 1) if ms else None}


def _pct(sorted_ms: list[float], p: float) -> float | None:
    if not sorted_ms:
        return None
    k = max(0, min(len(sorted_ms) - 1, round(p / 100 * len(sorted_ms) + 0.5) - 1))  # nearest-rank
    return round(sorted_ms[k], 1)


@contextmanager
def own_server(timeout_s: float, workers: int = 1) -> Iterator[tuple[str, int]]:
    """Start `buergerassistent serve` on a free loopback port (extractive, no rate limit) and stop it after."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "BA_LLM__BACKEND": "extractive", "BA_API__RATE_LIMIT_PER_MINUTE": "0",
           "BA_API__WORKERS": str(workers),
           "BA_API__STAFF_API_KEY": os.environ.get("BA_API__STAFF_API_KEY") or secrets.token_urlsafe(18)}
    cmd = [sys.executable, "-c", "from assistant.cli import main; main()", "serve", "--host", "127.0.0.1",
           "--port", str(port)]
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"load_chat_server_{port}.log"
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, proc, timeout_s, log_path)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_ready(url: str, proc: subprocess.Popen, timeout_s: float, log_path: Path) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited with {proc.returncode}; see {log_path}")
        try:
            if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    sys.exit(f"server not ready after {timeout_s:.0f} s; see {log_path}")


def rss_mb(pid: int) -> float | None:
    """Resident set size of `pid` and its child processes (the workers) from /proc (Linux), in MB."""
    total = None
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total = (total or 0.0) + int(line.split()[1]) / 1024
        except OSError:
            continue
    return round(total, 1) if total is not None else None


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids = [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for kid in kids:
            out += [kid, *_children(kid)]
    return out


def _require_loopback(url: str) -> None:
    host = urlparse(url).hostname or ""
    if host not in LOOPBACK:
        sys.exit(f"--url must point at loopback ({', '.join(sorted(LOOPBACK))}), got host {host!r}")


def _human(r: dict) -> str:
    lines = [f"clients={r['clients']} duration={r['duration_s']}s think={r['think_s']}s questions={r['questions']}",
             f"requests={r['requests']} errors={r['errors']} {r['error_kinds'] or ''} rps={r['rps']}",
             f"latency ms: p50={r['p50_ms']} p95={r['p95_ms']} p99={r['p99_ms']} max={r['max_ms']} "
             f"mean={r['mean_ms']}"]
    if "rss_before_mb" in r:
        lines.append(f"server RSS: before={r['rss_before_mb']} MB after={r['rss_after_mb']} MB")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
