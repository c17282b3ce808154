"""Fixtures shared by every test folder: the backends (SQLite, PostgreSQL) of the store."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

from cablegram.store.postgres_select import INDEX_DIR_ENV
from pg_server import drop_database, new_database, server

# Property tests assert behaviour, never speed: machines here are shared and noisy, so no
# per-example deadline and no too-slow health check. The explain phase is left out: its
# report imports libcst, whose DeprecationWarning (filterwarnings = error) would hide the
# real failure behind a crash of the report.
settings.register_profile(
    "cablegram",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
)
settings.load_profile("cablegram")

BACKENDS: tuple[str, ...] = ("sqlite", "postgres")


@pytest.fixture(scope="session")
def pg_admin_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A PostgreSQL server for the session (tests/pg_server.py); skipped where there is
    none, except in CI, where PostgreSQL tests must run."""
    # Each PostgreSQL archive's search index goes under a folder of this session.
    os.environ.setdefault(INDEX_DIR_ENV, str(tmp_path_factory.mktemp("pg-indexes")))
    with server() as url:
        if url is None:
            if os.environ.get("CI"):
                pytest.fail("no PostgreSQL server in CI (.ci/run installs one)")
            pytest.skip("no PostgreSQL here: apt-get install postgresql")
        yield url


@pytest.fixture
def pg_url(pg_admin_url: str) -> Iterator[str]:
    """A new empty database, dropped afterwards."""
    url = new_database(pg_admin_url)
    yield url
    drop_database(pg_admin_url, url)


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The store's backend; session-wide, so that an archive built once per session (the
    web tests') is built once per backend."""
    return str(request.param)


@pytest.fixture
def archive_location(backend: str, tmp_path: Path,
                     request: pytest.FixtureRequest) -> str:
    """Where a new archive goes on this test's backend: a file, or a new database."""
    if backend == "sqlite":
        return str(tmp_path / "archive.db")
    return str(request.getfixturevalue("pg_url"))


def _locations(backend: str, request: pytest.FixtureRequest,
               sqlite_file: Callable[[str], Path]) -> Iterator[Callable[[str], str]]:
    """A maker of archive locations on `backend`; the PostgreSQL databases it made are
    dropped when the fixture ends."""
    admin = request.getfixturevalue("pg_admin_url") if backend == "postgres" else None
    made: list[str] = []

    def make(name: str) -> str:
        if admin is None:
            return str(sqlite_file(name))
        made.append(new_database(admin))
        return made[-1]

    yield make
    for url in made:
        if admin is not None:
            drop_database(admin, url)


@pytest.fixture
def new_location(backend: str, tmp_path: Path,
                 request: pytest.FixtureRequest) -> Iterator[Callable[[str], str]]:
    """More archives on this test's backend: `new_location("name")`."""
    yield from _locations(backend, request, lambda name: tmp_path / f"{name}.db")


@pytest.fixture(scope="session")
def session_location(backend: str, tmp_path_factory: pytest.TempPathFactory,
                     request: pytest.FixtureRequest) -> Iterator[Callable[[str], str]]:
    """Archives kept for the whole session on this backend: `session_location("name")`."""
    yield from _locations(backend, request,
                          lambda name: tmp_path_factory.mktemp(name) / f"{name}.db")
