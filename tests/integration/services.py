"""Real servers for integration tests, each started on loopback on a free port in a temporary directory and stopped.

`redis_server`, `postgres_server` and `haproxy` are context managers. A missing binary skips the test on a
developer's machine and fails it in CI (`CI` set), where scripts/ensure-services.sh must have installed it.
PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user (`runuser`), in a directory
owned by that user.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest

SBIN = ("/usr/sbin", "/usr/local/sbin", "/sbin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def binary(name: str) -> str:
    """The path of `name` (PATH, sbin, or PostgreSQL's versioned bin directory); skip or, in CI, fail without it."""
    found = shutil.which(name) or shutil.which(name, path=os.pathsep.join(SBIN))
    if not found:
        versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                          key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
        found = versions[-1] if versions else None
    if found:
        return found
    message = f"{name} is not installed (scripts/ensure-services.sh installs it: make test does)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def wait_until(check: Callable[[], bool], timeout_s: float, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            detail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
            raise TimeoutError(f"{what} not up within {timeout_s} s\n{detail}")
        time.sleep(0.1)


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@contextmanager
def redis_server(tmp: Path) -> Iterator[str]:
    """A throw-away redis-server (no persistence); yields its URL."""
    exe, port = binary("redis-server"), free_port()
    log = tmp / "redis.log"
    proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp), "--logfile", str(log)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: _listening(port), 20, "redis-server", log)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        _stop(proc)


@dataclass
class Postgres:
    """A running throw-away PostgreSQL cluster; `stop()` and `start()` simulate an outage."""

    url: str
    port: int
    data: Path
    log: Path
    as_user: list[str]

    def ctl(self, *args: str) -> None:
        subprocess.run([*self.as_user, binary("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w",
                        "-t", "60", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

    def start(self) -> None:
        self.ctl("-o", f"-p {self.port} -k {self.data.parent} -c listen_addresses=127.0.0.1 -c fsync=off "
                       f"-c full_page_writes=off -c synchronous_commit=off", "start")
        wait_until(lambda: _listening(self.port), 30, "PostgreSQL", self.log)

    def stop(self) -> None:
        self.ctl("-m", "fast", "stop")


@contextmanager
def postgres_server() -> Iterator[Postgres]:
    """initdb + pg_ctl in a new directory (as the `postgres` user when root); yields the running `Postgres`."""
    initdb = binary("initdb")
    binary("pg_ctl")
    root = Path(tempfile.mkdtemp(prefix="ba-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        import pwd

        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("running as root, PostgreSQL needs the 'postgres' system user (apt-get install postgresql)")
        os.chown(root, user.pw_uid, user.pw_gid)
        as_user = [binary("runuser"), "-u", "postgres", "--"]
    data, log = root / "data", root / "postgres.log"
    pg = Postgres(url="", port=free_port(), data=data, log=log, as_user=as_user)
    pg.url = f"postgresql://ba@127.0.0.1:{pg.port}/postgres"
    try:
        subprocess.run([*as_user, initdb, "-D", str(data), "-U", "ba", "-A", "trust", "-E", "UTF8", "--locale=C",
                        "--no-sync"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        pg.start()
        yield pg
    finally:
        try:
            if data.exists():
                pg.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def haproxy(config: Path, env: dict[str, str], port: int, tmp: Path) -> Iterator[subprocess.Popen]:
    """HAProxy in the foreground with `config`, its variables from `env`; yields the process once it listens."""
    exe = binary("haproxy")
    full_env = {**os.environ, **env}
    check = subprocess.run([exe, "-c", "-f", str(config)], env=full_env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    log = tmp / "haproxy.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([exe, "-db", "-f", str(config)], env=full_env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: proc.poll() is None and _listening(port), 20, "haproxy", log)
        yield proc
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen, timeout_s: float = 20) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
