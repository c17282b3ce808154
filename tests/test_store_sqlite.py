"""The store on both backends (SQLite, PostgreSQL: the `store` fixture): batches in, records
out, replace and no-op re-ingest; SQLite's pragmas, migrations and round trips."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablegram.errors import CablegramError, ReadError
from cablegram.record import (
    RECORD_KEYS,
    Batch,
    Collection,
    Footnote,
    Person,
    Record,
    Redaction,
    Reference,
    Signer,
    Source,
    Term,
)
from cablegram.store.sqlite import SqliteStore, migrations
from pg_server import open_any


def make_record(collection: str, n: int, **kw: object) -> Record:
    fields: dict[str, object] = {
        "id": f"{collection}/d{n}", "collection": collection, "number": str(n),
        "title": f"{n}. Telegram From the Embassy in France to the Department of State",
        "doc_type": "telegram", "sender": "Embassy in France", "recipient": "Department of State",
        "place": "Paris", "date": f"1962-10-{n % 28 + 1:02d}", "time": "17:00",
        "classification": "secret", "handling": ["Niact"],
        "source_note": "Source: Department of State, Central Files. Secret; Niact.",
        "source": Source(repository="Department of State", file="Central Files"),
        "telegram_number": f"{900 + n}", "signers": [Signer("Gavin", "Ambassador")],
        "footnotes": [Footnote("1", "Not printed.")],
        "references": [Reference("Document 2", f"{collection}/d2")],
        "redactions": [Redaction("[1 line not declassified]", "1 line")],
        "text": f"{900 + n}. The text of document {n}.", "format": "tei",
        "origin": "x.xml", "extra": {"k": [1, "é"]},
    }
    fields.update(kw)
    return Record(**fields)  # type: ignore[arg-type]  # a test's mixed-type kwargs


def make_batch(collection: str, n: int = 3, title: str = "A volume") -> Batch:
    col = Collection(
        id=collection, title=title, format="tei", meta={"year": 1999},
        persons=[Person("p_A1", "Adenauer, Konrad", "Chancellor"), Person("p_B1", "Ball")],
        terms=[Term("t_US1", "US", "United States")],
    )
    return Batch(col, [make_record(collection, i) for i in range(1, n + 1)], ["a warning"])


@pytest.fixture
def store(archive_location: str) -> Iterator[Any]:
    """A new store on each backend."""
    s = open_any(archive_location)
    yield s
    s.close()


def count(store: Any, sql: str, *args: object) -> int:
    if not isinstance(store, SqliteStore):
        sql = sql.replace("?", "%s")
    return int(store.conn.execute(sql, args).fetchone()[0])


def in_transaction(store: Any) -> bool:
    if isinstance(store, SqliteStore):
        return store.conn.in_transaction
    return bool(store.conn.info.transaction_status)  # IDLE is 0


def test_pragmas_and_schema(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "a.db")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert store.schema_version == len(migrations())
    assert store.integrity_check() == ["ok"]
    store.close()


def test_round_trip(store: Any) -> None:
    batch = make_batch("vol1")
    assert store.put_batch(batch, path="/x/vol1.xml", sha256="aa") == "ingested"
    for r in batch.records:
        got = store.get(r.id)
        assert got is not None
        assert got.to_dict() == r.to_dict()
    assert store.get("vol1/d99") is None
    assert [r.id for r in store.iter_records()] == ["vol1/d1", "vol1/d2", "vol1/d3"]
    col = store.collection("vol1")
    assert col is not None
    assert col.persons == batch.collection.persons and col.terms == batch.collection.terms
    assert col.meta == {"year": 1999}


def test_denormalised_columns(store: Any) -> None:
    batch = make_batch("vol1", 1)
    batch.records.append(make_record("vol1", 2, date=None, date_not_before="1963-01-01",
                                     date_not_after="1963-12-31", redactions=[], footnotes=[]))
    batch.records.append(make_record("vol1", 3, date=None))
    store.put_batch(batch, path="p", sha256="s")
    rows = store.conn.execute(
        "SELECT id, year, has_redaction, has_footnote, sender FROM documents ORDER BY seq"
    ).fetchall()
    assert rows == [("vol1/d1", 1962, 1, 1, "Embassy in France"),
                    ("vol1/d2", 1963, 0, 0, "Embassy in France"),
                    ("vol1/d3", None, 1, 1, "Embassy in France")]


def test_changed_file_replaces_documents(store: Any) -> None:
    store.put_batch(make_batch("vol1", 5), path="p", sha256="s1")
    store.put_batch(make_batch("vol2", 2), path="q", sha256="s2")
    assert store.put_batch(make_batch("vol1", 2, title="New"), path="p", sha256="s3") == "replaced"
    assert count(store, "SELECT count(*) FROM documents WHERE collection = 'vol1'") == 2
    assert count(store, "SELECT count(*) FROM documents") == 4
    assert store.get("vol1/d5") is None
    assert [c.title for c in store.collections()] == ["New", "A volume"]
    assert count(store, "SELECT count(*) FROM persons WHERE collection = 'vol1'") == 2
    assert store.source_unchanged("p", "s3") and not store.source_unchanged("p", "s1")
    assert store.integrity_check() == ["ok"]


def test_replacing_from_another_path_forgets_the_old_file(store: Any) -> None:
    store.put_batch(make_batch("vol1", 2), path="a/vol1.xml", sha256="s1")
    store.put_batch(make_batch("vol1", 3), path="b/vol1.xml.gz", sha256="s2")
    # The first file's content is no longer what is stored: it must not count as unchanged.
    assert not store.source_unchanged("a/vol1.xml", "s1")
    assert count(store, "SELECT count(*) FROM sources") == 1


def test_unchanged_source(store: Any) -> None:
    assert not store.source_unchanged("p", "s1")
    store.put_batch(make_batch("vol1"), path="p", sha256="s1")
    assert store.source_unchanged("p", "s1")
    assert not store.source_unchanged("q", "s1")  # the same bytes elsewhere are read again


def test_failed_batch_rolls_back(store: Any) -> None:
    store.put_batch(make_batch("vol1", 3), path="p", sha256="s1")
    bad = make_batch("vol1", 2)
    bad.records.append(make_record("vol1", 1))  # a repeated document id
    with pytest.raises(ReadError, match="vol1"):
        store.put_batch(bad, path="p", sha256="s2")
    assert count(store, "SELECT count(*) FROM documents") == 3
    assert store.source_unchanged("p", "s1") and not store.source_unchanged("p", "s2")
    assert not in_transaction(store)
    assert store.integrity_check() == ["ok"]


def test_repeated_person_id_keeps_the_first(store: Any) -> None:
    batch = make_batch("vol1")
    batch.collection.persons.append(Person("p_A1", "Someone else"))
    store.put_batch(batch, path="p", sha256="s")
    col = store.collection("vol1")
    assert col is not None
    assert [p.name for p in col.persons] == ["Adenauer, Konrad", "Ball"]


def test_stats_and_log(store: Any) -> None:
    b = make_batch("vol1", 3)
    b.records[2].doc_type = "editorial-note"
    b.records[2].date = None
    store.put_batch(b, path="p", sha256="s")
    store.log_ingest("p", "ingested", collection="vol1", documents=3, warnings=["w1", "w2"])
    store.log_ingest("p", "unchanged")
    store.log_ingest("bad", "failed", error="broken")
    s = store.stats()
    assert s["collections"] == 1 and s["documents"] == 3
    assert s["by_collection"] == [{"id": "vol1", "title": "A volume", "documents": 3}]
    assert s["by_doc_type"] == {"telegram": 2, "editorial-note": 1}
    assert s["years"] == {"min": 1962, "max": 1962, "dated": 2}
    assert s["warnings"] == 2
    assert count(store, "SELECT count(*) FROM ingest_log WHERE status = 'failed'") == 1


def test_iter_records_by_collection_in_order(store: Any) -> None:
    store.put_batch(make_batch("vol2", 12), path="q", sha256="s2")
    store.put_batch(make_batch("vol1", 2), path="p", sha256="s1")
    assert [r.id for r in store.iter_records("vol2")] == [f"vol2/d{i}" for i in range(1, 13)]
    assert [r.collection for r in store.iter_records()][:3] == ["vol1", "vol1", "vol2"]


# -- migrations ---------------------------------------------------------------------------


def _copy_migrations(tmp_path: Path) -> Path:
    d = tmp_path / "migrations"
    d.mkdir()
    for _, p in migrations():
        (d / p.name).write_text(p.read_text())
    return d


def test_migrations_apply_in_order_and_only_once(tmp_path: Path) -> None:
    d = _copy_migrations(tmp_path)
    n = len(migrations(d))
    SqliteStore(tmp_path / "m.db", migrations_dir=d).close()
    (d / f"{n + 1:03d}_extra.sql").write_text(
        "CREATE TABLE extra (x INTEGER);\n"
        "CREATE TRIGGER extra_t AFTER INSERT ON extra BEGIN SELECT 1; SELECT 2; END;\n"
    )
    s = SqliteStore(tmp_path / "m.db", migrations_dir=d)
    assert s.schema_version == n + 1
    s.close()
    s = SqliteStore(tmp_path / "m.db", migrations_dir=d)  # nothing left to apply: no error
    assert s.schema_version == n + 1
    s.close()


def test_failed_migration_leaves_nothing(tmp_path: Path) -> None:
    d = _copy_migrations(tmp_path)
    n = len(migrations(d))
    (d / f"{n + 1:03d}_broken.sql").write_text(
        "CREATE TABLE half (x INTEGER);\nTHIS IS NOT SQL;\n"
    )
    with pytest.raises(CablegramError, match="broken"):
        SqliteStore(tmp_path / "m.db", migrations_dir=d)
    conn = sqlite3.connect(tmp_path / "m.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == n
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
    conn.close()


def test_migration_numbers_must_follow(tmp_path: Path) -> None:
    d = _copy_migrations(tmp_path)
    (d / "009_gap.sql").write_text("SELECT 1;")
    with pytest.raises(CablegramError, match="009_gap"):
        migrations(d)


def test_newer_database_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "new.db")
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(CablegramError, match="newer"):
        SqliteStore(tmp_path / "new.db")


# -- property: any record survives insert → read back -------------------------------------

_text = st.text(st.characters(codec="utf-8"), max_size=40)
_opt = st.none() | _text
_records = st.builds(
    Record,
    id=st.just("x"), collection=st.just("c"), number=_opt, title=_text, doc_type=_opt,
    sender=_opt, recipient=_opt, place=_opt, date=_opt, time=_opt, date_not_before=_opt,
    date_not_after=_opt, classification=_opt, handling=st.lists(_text, max_size=3),
    source_note=_opt,
    source=st.builds(Source, repository=_opt, file=_opt, drafted_by=_opt, cleared_by=_opt,
                     approved_by=_opt),
    telegram_number=_opt,
    signers=st.lists(st.builds(Signer, name=_text, title=_opt), max_size=2),
    footnotes=st.lists(st.builds(Footnote, n=_text, text=_text), max_size=2),
    references=st.lists(st.builds(Reference, text=_text, target=_opt), max_size=2),
    redactions=st.lists(st.builds(Redaction, text=_text, extent=_opt), max_size=2),
    text=st.text(max_size=200), flags=st.lists(_text, max_size=2), format=_opt, origin=_opt,
    extra=st.dictionaries(_text, st.none() | st.integers() | _text, max_size=3),
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(_records, min_size=1, max_size=5))
def test_any_records_round_trip(tmp_path: Path, records: list[Record]) -> None:
    for i, r in enumerate(records):
        r.id = f"c/d{i}"
    store = SqliteStore(tmp_path / "h.db")
    try:
        store.put_batch(Batch(Collection("c"), records), path="p", sha256=str(id(records)))
        assert [r.to_dict() for r in store.iter_records("c")] == [r.to_dict() for r in records]
        assert all(store.get(r.id) == r for r in records)
    finally:
        store.close()


@settings(max_examples=100, deadline=None)
@given(record=_records)
def test_record_dict_is_to_dict(record: Record) -> None:
    # to_dict is written out field by field for speed; the generic form is the reference.
    generic = dataclasses.asdict(record)
    generic["from"] = generic.pop("sender")
    generic["to"] = generic.pop("recipient")
    slow = {k: generic[k] for k in RECORD_KEYS}
    fast = record.to_dict()
    assert fast == slow and list(fast) == list(slow)


def test_batches_of_one_file_are_stored_together_or_not_at_all(store: Any) -> None:
    store.put_batch(make_batch("vol1", 3), path="old", sha256="s0")
    bad = make_batch("vol3", 2)
    bad.records.append(make_record("vol3", 1))  # a repeated id in the second batch
    with pytest.raises(ReadError, match="vol3"):
        store.put_batches([make_batch("vol2", 2), bad], path="p", sha256="s1")
    assert [c.id for c in store.collections()] == ["vol1"]
    puts = store.put_batches([make_batch("vol2", 2), make_batch("vol1", 1)],
                             path="p", sha256="s1")
    assert [(p.status, p.replaced_paths) for p in puts] == [
        ("ingested", []), ("replaced", ["old"])]
    assert count(store, "SELECT count(*) FROM documents") == 3
