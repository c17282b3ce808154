"""Bad input on PostgreSQL, one clear line each: a wrong URL, a server that is down, a
database of a newer schema, a role without write rights."""

from __future__ import annotations

import socket
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from cablegram.archive import Archive
from cablegram.cli import main
from cablegram.errors import CablegramError
from cablegram.record import Batch, Collection, Record

FIXTURES = Path(__file__).parents[1] / "fixtures" / "tei"


def _one_error_line(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_server_down() -> None:
    url = f"postgresql://someone:secret@127.0.0.1:{_closed_port()}/archive"
    line = _one_error_line(["stats", "--db", url])
    assert "cannot connect" in line and "secret" not in line and "***" in line


def test_wrong_url() -> None:
    line = _one_error_line(["stats", "--db", "postgresql://127.0.0.1:notaport/x"])
    assert "postgresql://" in line


def test_newer_schema_is_refused(pg_url: str) -> None:
    Archive.open(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE cablegram_schema SET version = 99")
    line = _one_error_line(["stats", "--db", pg_url])
    assert "schema version 99 is newer than this cablegram knows" in line


def test_a_role_without_write_rights(pg_url: str) -> None:
    with Archive.open(pg_url) as a:
        a.store.put_batch(Batch(Collection("c"), [Record(id="c/d1", collection="c",
                                                         title="t", text="x")]),
                          path="c.xml", sha256="c")
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS web_reader")
        conn.execute("CREATE ROLE web_reader LOGIN")
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO web_reader")
    reader = pg_url.replace("postgres@", "web_reader@")
    try:
        with Archive.open(reader) as a:  # reading works
            assert a.search("x")["total"] == 1
            with pytest.raises(CablegramError, match="this role cannot write"):
                a.store.put_batch(Batch(Collection("d"), []), path="d.xml", sha256="d")
        line = _one_error_line(["ingest", "--db", reader, str(FIXTURES / "frus-mini.xml")])
        assert "cannot write" in line
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("DROP OWNED BY web_reader")
            conn.execute("DROP ROLE web_reader")


def test_a_read_only_role_reads_the_history_a_writer_made(pg_url: str) -> None:
    with Archive.open(pg_url) as a:
        a.ingest([FIXTURES / "frus-mini.xml"], read_ahead="off")
        made = a.chronology("1961", "1961").total
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS web_history")
        conn.execute("CREATE ROLE web_history LOGIN")
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO web_history")
    try:
        with Archive.open(pg_url.replace("postgres@", "web_history@")) as a:
            assert a.chronology("1961", "1961").total == made > 0
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("DROP OWNED BY web_history")
            conn.execute("DROP ROLE web_history")
