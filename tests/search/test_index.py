"""The search index beside the archive: kept in step with SQLite through crashes and copies."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tantivy
from search_fixtures import RECORDS, V06, V11, build

from cablegram.archive import Archive
from cablegram.errors import CablegramError
from cablegram.record import Batch, Collection, Record
from cablegram.search import index as index_module


def _archive(tmp_path: Path) -> Archive:
    build(tmp_path / "a.db").close()
    return Archive.open(tmp_path / "a.db")


def _total(archive: Archive, query: str) -> int:
    return int(archive.search(query, limit=0)["total"])


def test_search_catches_up_with_what_sqlite_committed(tmp_path: Path) -> None:
    with _archive(tmp_path) as archive:
        assert _total(archive, "NOT zzz") == len(RECORDS)
        # As after a crash between the SQLite commit and the index's: stored, not indexed.
        new = Record(id=f"{V06}/d99", collection=V06, title="Vientiane", text="Laos talks.")
        old = [r for r in RECORDS if r.collection == V06]
        archive.store.put_batch(Batch(Collection(V06), [*old, new]), path=V06, sha256="b")
        assert _total(archive, "vientiane") == 1
        assert _total(archive, "NOT zzz") == len(RECORDS) + 1
        assert archive.sync_index() == 0  # nothing left to do


def test_a_reader_sees_another_archive_objects_commits(tmp_path: Path) -> None:
    with _archive(tmp_path) as reader, Archive.open(tmp_path / "a.db") as writer:
        assert _total(reader, "laos") == 0
        writer.store.put_batch(Batch(Collection("x"), [Record(id="x/1", collection="x",
                                                              text="Laos")]),
                               path="x", sha256="x")
        writer.sync_index()
        assert _total(reader, "laos") == 1


def test_deleted_or_damaged_index_is_rebuilt(tmp_path: Path) -> None:
    with _archive(tmp_path) as archive:
        assert _total(archive, "berlin") == 4
    folder = tmp_path / "a.db.search"
    shutil.rmtree(folder)
    with Archive.open(tmp_path / "a.db") as archive:
        assert _total(archive, "berlin") == 4
    (folder / "meta.json").write_text("{not json")
    with Archive.open(tmp_path / "a.db") as archive:
        assert _total(archive, "berlin") == 4


def test_index_of_another_schema_version_is_rebuilt(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with _archive(tmp_path) as archive:
        assert _total(archive, "berlin") == 4
    monkeypatch.setattr(index_module, "SCHEMA_VERSION", index_module.SCHEMA_VERSION + 1)
    with Archive.open(tmp_path / "a.db") as archive:
        assert _total(archive, "berlin") == 4
    state = (tmp_path / "a.db.search" / "applied").read_text().split()
    assert int(state[0]) == index_module.SCHEMA_VERSION


def test_an_index_copied_from_another_archive_is_not_trusted(tmp_path: Path) -> None:
    with _archive(tmp_path) as archive:
        assert _total(archive, "berlin") == 4
    # Another archive file with other documents, given a copy of the first one's index.
    other = tmp_path / "b.db"
    build(other, [r for r in RECORDS if r.collection == V11]).close()
    shutil.copytree(tmp_path / "a.db.search", f"{other}.search")
    with Archive.open(other) as archive:
        assert _total(archive, "berlin") == 2
        assert _total(archive, "NOT zzz") == len([r for r in RECORDS if r.collection == V11])


def test_a_busy_index_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         ) -> None:
    monkeypatch.setattr(index_module, "_LOCK_WAIT_S", 0.3)
    with _archive(tmp_path) as archive:
        archive.sync_index()
        holder = tantivy.Index.open(str(tmp_path / "a.db.search")).writer(15_000_000, 1)
        archive.store.put_batch(Batch(Collection("x"), [Record(id="x/1", collection="x")]),
                                path="x", sha256="x")
        with pytest.raises(CablegramError, match="search index is busy"):
            archive.search("berlin")
        del holder
        assert _total(archive, "berlin") == 4  # the marks wait for the next sync


def test_ingest_leaves_the_index_in_step(tmp_path: Path) -> None:
    fixture = Path(__file__).parents[1] / "fixtures"
    tei = sorted(fixture.rglob("*.xml"))
    if not tei:
        pytest.skip("no TEI fixture")
    with Archive.open(tmp_path / "i.db") as archive:
        calls: list[tuple[int, int]] = []
        archive.ingest(tei, on_index=lambda done, total: calls.append((done, total)))
        stored = archive.stats()["documents"]
        assert calls and calls[-1][0] == calls[-1][1]
        assert archive.sync_index() == 0
        assert _total(archive, "NOT zzz") == stored


def test_an_index_that_cannot_be_made_is_one_clear_error(tmp_path: Path) -> None:
    build(tmp_path / "a.db").close()
    (tmp_path / "a.db.search").write_text("a file where the folder should be")
    with Archive.open(tmp_path / "a.db") as archive, pytest.raises(
            CablegramError, match=r"a\.db\.search: cannot open the search index"):
        archive.search("berlin")


def test_ingest_while_the_index_is_busy_stores_and_warns(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "_LOCK_WAIT_S", 0.3)
    tei = sorted((Path(__file__).parents[1] / "fixtures").rglob("*.xml"))[:1]
    with Archive.open(tmp_path / "i.db") as archive:
        archive.sync_index()
        holder = tantivy.Index.open(str(tmp_path / "i.db.search")).writer(15_000_000, 1)
        report = archive.ingest(tei)
        assert report.failed == 0 and report.documents > 0
        assert any("search index is busy" in w for w in report.warnings)
        del holder
        assert _total(archive, "NOT zzz") == report.documents


def test_stats_tell_what_the_index_holds_and_what_waits(tmp_path: Path) -> None:
    with _archive(tmp_path) as archive:
        archive.sync_index()
        assert archive.stats()["search_index"] == {
            "path": str(tmp_path / "a.db.search"), "documents": len(RECORDS),
            "collections_waiting": 0}
        archive.store.put_batch(Batch(Collection("x"), [Record(id="x/1", collection="x")]),
                                path="x", sha256="x")
        assert archive.stats()["search_index"]["collections_waiting"] == 1
        archive.search("berlin")
        assert archive.stats()["search_index"]["documents"] == len(RECORDS) + 1


# -- web2: workers that find a stale index at once (issue 17, the "Directory not empty" race)

_OPEN_FIVE_TIMES = """
import sys
from cablegram.search.index import SearchIndex
for _ in range(5):
    SearchIndex(sys.argv[1])
"""


def test_workers_starting_together_on_a_stale_index_all_open_it(tmp_path: Path) -> None:
    # Before the lock and the rename aside, 4 of 6 such rounds had a worker fail with
    # "Directory not empty" or "No such file or directory".
    for round in range(3):
        path = tmp_path / f"i{round}.search"
        path.mkdir()
        (path / "applied").write_text("1 - 0\n")  # another schema version: started again
        workers = [subprocess.Popen([sys.executable, "-c", _OPEN_FIVE_TIMES, str(path)],
                                    stderr=subprocess.PIPE, text=True) for _ in range(4)]
        errors = [w.communicate()[1] for w in workers]
        assert [w.returncode for w in workers] == [0] * 4, errors
        assert index_module.SearchIndex(path)._state()[0] == index_module.SCHEMA_VERSION
        assert not list(tmp_path.glob("*.old-*"))  # nothing left aside
