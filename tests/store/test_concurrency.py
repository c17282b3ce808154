"""Several processes on one archive, on both backends: migrations once, parallel ingest
without duplicates, a worker killed mid-volume leaves nothing, readers see new documents."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from cablegram.archive import Archive
from cablegram.record import Batch, Collection, Record
from cablegram.store.sqlite import MIGRATIONS_DIR, migrations
from pg_server import open_any

FIXTURES = Path(__file__).parents[1] / "fixtures" / "tei"
SRC = str(Path(__file__).parents[2] / "src")
TESTS = str(Path(__file__).parents[1])


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, TESTS])}
    return subprocess.Popen([sys.executable, "-c", code, *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _finish(p: subprocess.Popen[str]) -> str:
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    return out


def _records(col: str, n: int, word: str = "cable") -> list[Record]:
    return [Record(id=f"{col}/d{i}", collection=col, number=str(i), title=f"{word} {i}",
                   text=f"{word} text {i}", date="1962-10-27") for i in range(1, n + 1)]


def _count(location: str, sql: str) -> int:
    store = open_any(location)
    try:
        row = store.conn.execute(sql).fetchone()  # type: ignore[attr-defined]
        return int(row[0])
    finally:
        store.close()


OPEN_AT_ONCE = """
import sys, time
from pg_server import open_any
start = float(sys.argv[2])
time.sleep(max(0.0, start - time.time()))
store = open_any(sys.argv[1])
print(store.schema_version)
store.close()
"""


def test_processes_opening_a_new_archive_at_once_migrate_it_once(archive_location: str
                                                                 ) -> None:
    start = f"{time.time() + 2.0}"
    procs = [_python(OPEN_AT_ONCE, archive_location, start) for _ in range(4)]
    versions = {_finish(p).strip() for p in procs}
    # Each backend has its own migrations (PostgreSQL's folder is inside SQLite's).
    folder = MIGRATIONS_DIR / "postgres" if archive_location.startswith("postgresql") \
        else MIGRATIONS_DIR
    assert versions == {str(len(migrations(folder)))}


def test_two_ingests_of_overlapping_volumes_store_each_document_once(
        archive_location: str) -> None:
    volumes = [str(FIXTURES / "frus-mini.xml"), str(FIXTURES / "frus-persons.xml")]
    code = ("import sys\nfrom cablegram.archive import Archive\n"
            "with Archive.open(sys.argv[1]) as a:\n"
            "    r = a.ingest(sys.argv[2:], read_ahead='off')\n"
            "    assert not r.errors, r.errors\n")
    procs = [_python(code, archive_location, *volumes),
             _python(code, archive_location, *reversed(volumes))]
    for p in procs:
        _finish(p)
    with Archive.open(archive_location) as a:
        ids = [r.id for r in a.records()]
        assert len(ids) == len(set(ids)) > 0
        expected = {r.id for v in volumes for r in _read(v)}
        assert set(ids) == expected
        # The index agrees: every document once.
        assert a.search("date:..9999 OR NOT date:..9999", limit=1000)["total"] == len(ids)


def _read(path: str) -> list[Record]:
    from cablegram.readers.registry import detect_reader

    return [r for b in detect_reader(Path(path)).read(Path(path)) for r in b.records]


# A worker that stores a volume of two parts in one transaction and is killed while the
# second part's rows are being made: the first part is already written, uncommitted.
KILLED_MID_VOLUME = """
import sys, time
from pathlib import Path
from typing import Any
import cablegram.store.postgres as pg
import cablegram.store.sqlite as lite
from pg_server import open_any
from cablegram.record import Batch, Collection, Record
from cablegram.store.sqlite import MIGRATIONS_DIR, migrations

def hang(record, seq, json_text=None, _real=lite._doc_row):
    if record.collection == "part-b" and seq == 5:
        Path(sys.argv[2]).write_text("inside")
        time.sleep(600)
    return _real(record, seq, json_text)

pg._doc_row = lite._doc_row = hang
store = open_any(sys.argv[1])
parts = [Batch(Collection(c), [Record(id=f"{c}/d{i}", collection=c, number=str(i),
         title="t", text="x") for i in range(20)]) for c in ("part-a", "part-b")]
store.put_batches(parts, path="volume.xml", sha256="v")
"""


def test_a_worker_killed_mid_volume_leaves_no_partial_volume(archive_location: str,
                                                              tmp_path: Path) -> None:
    store = open_any(archive_location)
    before = _records("kept", 3)
    store.put_batch(Batch(Collection("kept"), before), path="kept.xml", sha256="k")
    store.close()
    marker = tmp_path / "inside"
    p = _python(KILLED_MID_VOLUME, archive_location, str(marker))
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert p.poll() is None, p.communicate()[1]
        assert time.monotonic() < deadline
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL)
    p.communicate()
    with Archive.open(archive_location) as a:
        assert [c.id for c in a.collections()] == ["kept"]
        assert [r.id for r in a.records()] == [r.id for r in before]
        assert not a.store.source_known("volume.xml")
        assert a.search("x", limit=50)["total"] == 0
        # The archive takes writes again at once (no lock left behind).
        a.store.put_batch(Batch(Collection("part-a"), _records("part-a", 2)),
                          path="volume.xml", sha256="v2")
        assert a.search("cable", limit=50)["total"] == 5


WRITER = """
import sys
from pg_server import open_any
from cablegram.record import Batch, Collection, Record
from cablegram.store.sqlite import MIGRATIONS_DIR, migrations
store = open_any(sys.argv[1])
recs = [Record(id="late/d1", collection="late", number="1", title="Vientiane",
               text="Laos and Vientiane")]
store.put_batch(Batch(Collection("late"), recs), path="late.xml", sha256="l")
store.close()
"""


def test_a_reader_sees_documents_committed_by_another_process(archive_location: str,
                                                              tmp_path: Path) -> None:
    with Archive.open(archive_location) as reader:
        reader.store.put_batch(Batch(Collection("early"), _records("early", 3)),
                               path="early.xml", sha256="e")
        assert reader.search("vientiane")["total"] == 0
        _finish(_python(WRITER, archive_location))
        # The reader's next search, with no restart and no command, finds it.
        found = reader.search("vientiane")
        assert [r["id"] for r in found["results"]] == ["late/d1"]
        # The index is derived: removed, it is made again from the database alone.
        folder = reader.index.path
        first = reader.search("cable OR vientiane", limit=50)
    import shutil

    shutil.rmtree(folder)
    with Archive.open(archive_location) as again:
        rebuilt = again.search("cable OR vientiane", limit=50)
    # The same hits and scores; equal scores may come in another order (no tie rule yet).
    assert rebuilt["total"] == first["total"]
    assert sorted((r["score"], r["id"]) for r in rebuilt["results"]) == sorted(
        (r["score"], r["id"]) for r in first["results"])


def test_copy_there_and_back_keeps_every_record(tmp_path: Path, pg_url: str) -> None:
    first = tmp_path / "first.db"
    with Archive.open(first) as a:
        a.ingest([FIXTURES / "frus-mini.xml", FIXTURES / "frus-persons.xml"],
                 read_ahead="off")
        answers = a.search("president", facets=["year", "collection"], limit=50)
    back = tmp_path / "back.db"
    with Archive.open(first) as a, Archive.open(pg_url) as pg:
        to_pg = a.copy_to(pg)
        assert pg.search("president", facets=["year", "collection"], limit=50) == answers
    with Archive.open(pg_url) as pg, Archive.open(back) as b:
        to_back = pg.copy_to(b)
        assert b.search("president", facets=["year", "collection"], limit=50) == answers
        # Unchanged files stay a no-op after the move.
        assert b.ingest([FIXTURES / "frus-mini.xml"], read_ahead="off").unchanged == 1
    assert (to_pg.documents, to_pg.sha256) == (to_back.documents, to_back.sha256)
    assert to_pg.documents > 0
    assert json.dumps(answers)  # plain data


def test_copy_command_checks_and_refuses_a_full_target(tmp_path: Path,
                                                       new_location: Any) -> None:
    from click.testing import CliRunner

    from cablegram.cli import main

    src = tmp_path / "src.db"
    with Archive.open(src) as a:
        a.ingest([FIXTURES / "frus-mini.xml"], read_ahead="off")
    target = new_location("target")
    runner = CliRunner()
    done = runner.invoke(main, ["copy", "--from", str(src), "--to", target])
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("copied 1 collections, 4 documents")
    again = runner.invoke(main, ["copy", "--from", str(src), "--to", target])
    assert again.exit_code == 1
    with Archive.open(target) as t:
        shown = t.store.path
    assert again.stderr.strip().splitlines() == [
        f"error: {shown}: the target archive is not empty"]
