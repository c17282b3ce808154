"""A throwaway PostgreSQL server for the tests and the benchmark (docs/deploy.md).

`CABLEGRAM_PG_URL` (a server someone else runs; .ci/run may export it) wins. Otherwise
Debian's `postgresql` binaries make a cluster in a temporary folder, owned by the
unprivileged user `postgres` when we are root (initdb refuses root), listening on 127.0.0.1
at a free port, and stop it at the end.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from cablegram.store.base import Store
from cablegram.store.postgres_select import open_store
from cablegram.store.sqlite import SqliteStore

URL_ENV = "CABLEGRAM_PG_URL"


def _bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    return Path(dirs[-1]) if dirs else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


@contextmanager
def server() -> Iterator[str | None]:
    """The URL of an empty server's `postgres` database (None: no PostgreSQL here)."""
    given = os.environ.get(URL_ENV)
    if given:
        yield given
        return
    bindir = _bindir()
    if bindir is None:
        yield None
        return
    tmp = Path(tempfile.mkdtemp(prefix="cablegram-pg-"))
    data = tmp / "data"
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
    port = _free_port()
    log = tmp / "server.log"
    run = subprocess.run
    try:
        run(_as_user([str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                      "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]),
            check=True, capture_output=True)
        opts = (f"-c listen_addresses=127.0.0.1 -p {port} -k {tmp} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        run(_as_user([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", opts,
                      "-w", "start"]), check=True, capture_output=True)
        try:
            yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
        finally:
            run(_as_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                          "-w", "stop"]), check=False, capture_output=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def new_database(admin_url: str) -> str:
    """A new empty database on the server; its URL."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def drop_database(admin_url: str, url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def open_any(db: str | Path) -> Store:
    """The store a location names: PostgreSQL for a URL, else a SQLite file."""
    return open_store(db) or SqliteStore(db)
