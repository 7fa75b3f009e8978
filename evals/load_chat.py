"""Bounded load test of `POST /api/v1/chat` on loopback: N concurrent clients for a fixed time.

    python -m evals.load_chat --clients 50 --duration 60            # starts its own server (extractive)
    python -m evals.load_chat --url http://127.0.0.1:8000 --clients 10 --duration 20
    python -m evals.load_chat --clients 50 --duration 60 --client httpx   # the former httpx client, to compare

Each client sends one question after the other (optionally pausing about `--think` seconds in between, as a
person reading the answer would), cycling through the questions of an eval dataset. Prints p50/p95/p99 latency,
errors, requests per second, the CPU milliseconds per request of this script and, for a server it started itself,
of the server, and that server's resident memory before and after. Refuses any address that is not loopback:
this is a capacity check of one's own machine, not a tool to load someone else's server.

The load generator shares the machine, and on two cores its CPU is CPU the measured server lacks (wrk and the
like are written in C for this reason). So by default (`--client raw`) each simulated person holds one keep-alive
HTTP/1.1 connection with hand-written request bytes on uvloop (`evals.raw_http`), a fraction of the ~1.7 ms of CPU
per request that httpx costs; `--client httpx` keeps the former client. The CPU figures show what each one took.
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
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from pathlib import Path
from typing import AsyncIterator, Awaitable, Callable, Iterator
from urllib.parse import urlparse

import httpx

from evals.raw_http import CHAT_PATH, REQUEST_TIMEOUT_S, Post, judge_reply, raw_posts

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DEFAULT_QUESTIONS = Path(__file__).resolve().parent / "data" / "retrieval_dev.jsonl"
MAX_CLIENTS, MAX_DURATION_S = 200, 600


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not 1 <= args.clients <= MAX_CLIENTS or not 1 <= args.duration <= MAX_DURATION_S:
        sys.exit(f"--clients must be 1..{MAX_CLIENTS} and --duration 1..{MAX_DURATION_S} s")
    questions = load_questions(args.questions)
    load = dict(questions=questions, clients=args.clients, duration=args.duration, think=args.think,
                warmup=args.warmup, client=args.client)
    if args.url:
        _require_loopback(args.url)
        if args.client == "raw" and urlparse(args.url).scheme != "http":
            sys.exit(f"--client raw speaks plain http, got {args.url!r}; use --client httpx for https")
        report = run_async(run_load(args.url, **load))
    else:
        with own_server(args.startup_timeout, args.workers) as (url, pid):
            report = {"rss_before_mb": rss_mb(pid), "server_processes": 1 + len(_children(pid))}
            report |= run_async(run_load(url, **load, server_pid=pid))
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
    p.add_argument("--client", choices=sorted(CLIENTS), default="raw",
                   help="raw: one lean keep-alive HTTP/1.1 connection per client (little CPU); httpx: the former "
                        "httpx.AsyncClient, to compare.")
    p.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="JSONL with a query/message field.")
    p.add_argument("--startup-timeout", type=float, default=900.0, help="Seconds to wait for /readyz.")
    p.add_argument("--workers", type=int, default=None, help="Worker processes of the server it starts "
                   "(default: the server's own, BA_API__WORKERS or one per CPU, at most 4) "
                   "; RSS and CPU are then the sum over them.")
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


def run_async(coro: Awaitable[dict]) -> dict:
    """Runs `coro` on uvloop when it is installed (less CPU per request for the load generator), else asyncio's."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


async def run_load(url: str, questions: list[str], clients: int, duration: float, think: float, warmup: float,
                   client: str = "raw", server_pid: int | None = None,
                   timeout_s: float = REQUEST_TIMEOUT_S) -> dict:
    """Measures `clients` concurrent clients; CPU is counted from the end of the warmup until the last reply."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    cpu_from: list[float | None] = []
    async with CLIENTS[client](url, clients, timeout_s) as posts:
        start = time.perf_counter()
        measure_from = start + warmup
        stop = measure_from + duration

        async def open_window() -> None:
            await asyncio.sleep(max(0.0, measure_from - time.perf_counter()))
            cpu_from.extend(_cpu_now(server_pid))

        async def simulated_client(n: int, post: Post) -> None:
            i = n * 7
            rng = random.Random(n)
            if think:  # spread the clients out: people do not all press Enter in the same millisecond
                await asyncio.sleep(rng.uniform(0, think))
            while time.perf_counter() < stop:
                q = questions[i % len(questions)]
                i += 1
                t = time.perf_counter()
                failed = await post({"message": q})
                if t >= measure_from:
                    latencies.append(time.perf_counter() - t)
                    if failed:
                        errors[failed] += 1
                if think:
                    await asyncio.sleep(rng.uniform(0.5, 1.5) * think)

        await asyncio.gather(open_window(), *(simulated_client(n, post) for n, post in enumerate(posts)))
        elapsed = time.perf_counter() - measure_from
        cpu_to = _cpu_now(server_pid)
    latencies.sort()
    ms = [x * 1000 for x in latencies]
    loop = "uvloop" if type(asyncio.get_running_loop()).__module__.startswith("uvloop") else "asyncio"
    return {"client": client, "event_loop": loop,
            "requests": len(ms), "errors": sum(errors.values()), "error_kinds": dict(errors),
            "rps": round(len(ms) / elapsed, 1) if elapsed > 0 else 0.0,
            "p50_ms": _pct(ms, 50), "p95_ms": _pct(ms, 95), "p99_ms": _pct(ms, 99),
            "max_ms": round(ms[-1], 1) if ms else None, "mean_ms": round(statistics.fmean(ms), 1) if ms else None,
            **_cpu_report("client", cpu_from[0], cpu_to[0], len(ms)),
            **_cpu_report("server", cpu_from[1], cpu_to[1], len(ms))}


def _cpu_now(server_pid: int | None) -> tuple[float, float | None]:
    return time.process_time(), cpu_seconds(server_pid) if server_pid else None


def _cpu_report(who: str, before: float | None, after: float | None, requests: int) -> dict:
    used = after - before if before is not None and after is not None else None
    per_request = round(used * 1000 / requests, 2) if used is not None and requests else None
    return {f"{who}_cpu_s": round(used, 2) if used is not None else None, f"{who}_cpu_ms_per_request": per_request}


@asynccontextmanager
async def _httpx_posts(url: str, clients: int, timeout_s: float) -> AsyncIterator[list[Post]]:
    """The former client: one httpx.AsyncClient whose pool keeps a connection per simulated client."""
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=timeout_s, limits=limits) as http:
        async def post(payload: dict) -> str | None:
            try:
                r = await http.post(CHAT_PATH, json=payload)
            except httpx.HTTPError as exc:
                return type(exc).__name__
            return judge_reply(r.status_code, r.content)

        yield [post] * clients


CLIENTS: dict[str, Callable[[str, int, float], AbstractAsyncContextManager[list[Post]]]] = {
    "raw": raw_posts, "httpx": _httpx_posts,
}


def _pct(sorted_ms: list[float], p: float) -> float | None:
    if not sorted_ms:
        return None
    k = max(0, min(len(sorted_ms) - 1, round(p / 100 * len(sorted_ms) + 0.5) - 1))  # nearest-rank
    return round(sorted_ms[k], 1)


@contextmanager
def own_server(timeout_s: float, workers: int | None = None) -> Iterator[tuple[str, int]]:
    """Start `buergerassistent serve` on a free loopback port (extractive, no rate limit) and stop it after;
    `workers` None leaves the number of worker processes to the server's settings."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "BA_LLM__BACKEND": "extractive", "BA_API__RATE_LIMIT_PER_MINUTE": "0",
           "BA_API__STAFF_API_KEY": os.environ.get("BA_API__STAFF_API_KEY") or secrets.token_urlsafe(18)}
    if workers is not None:
        env["BA_API__WORKERS"] = str(workers)
    cmd = [sys.executable, "-m", "cli", "serve", "--host", "127.0.0.1",
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


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of `pid` and its child processes (the workers) from /proc/<pid>/stat (Linux)."""
    total = None
    for p in [pid, *_children(pid)]:
        try:  # the command name in parentheses may hold spaces; utime and stime are fields 14 and 15
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total = (total or 0.0) + (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


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
    lines = [f"client={r['client']} event_loop={r['event_loop']}",
             f"clients={r['clients']} duration={r['duration_s']}s think={r['think_s']}s questions={r['questions']}",
             f"requests={r['requests']} errors={r['errors']} {r['error_kinds'] or ''} rps={r['rps']}",
             f"latency ms: p50={r['p50_ms']} p95={r['p95_ms']} p99={r['p99_ms']} max={r['max_ms']} "
             f"mean={r['mean_ms']}",
             f"CPU ms/request: client={r['client_cpu_ms_per_request']} server={r['server_cpu_ms_per_request']} "
             f"(CPU s: client={r['client_cpu_s']} server={r['server_cpu_s']})"]
    if "rss_before_mb" in r:
        lines.append(f"server RSS: before={r['rss_before_mb']} MB after={r['rss_after_mb']} MB "
                     f"({r['server_processes']} processes: the server and its children, e.g. the workers)")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
