"""The Archive façade: ingest files and folders, skip unchanged ones, replace changed ones."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from cablegram.archive import Archive, IngestEvent, expand_paths
from cablegram.errors import CablegramError, NotFound, ReadError

FIXTURE = Path(__file__).parent / "fixtures" / "store" / "frustest01.xml"


def volume(folder: Path, vol_id: str, *, gz: bool = False, drop: str | None = None) -> Path:
    """The fixture volume under another id (and file name); `drop` removes one document."""
    text = FIXTURE.read_text(encoding="utf-8").replace("frustest01", vol_id)
    if drop is not None:
        start = text.index(f'<div type="document" xml:id="{drop}"')
        text = text[:start] + text[text.index("</div>", start) + len("</div>"):]
    folder.mkdir(parents=True, exist_ok=True)
    if gz:
        p = folder / f"{vol_id}.xml.gz"
        p.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        p = folder / f"{vol_id}.xml"
        p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    a = Archive.open(tmp_path / "a.db")
    yield a
    a.close()


def test_ingest_a_folder(archive: Archive, tmp_path: Path) -> None:
    vols = tmp_path / "vols"
    volume(vols, "frustest01")
    volume(vols / "sub", "frustest02", gz=True)
    report = archive.ingest([vols])
    assert (report.ingested, report.replaced, report.unchanged, report.failed) == (2, 0, 0, 0)
    assert report.documents == 6 and report.errors == []
    assert [c.id for c in archive.collections()] == ["frustest01", "frustest02"]
    rec = archive.get("frustest02/d2")
    assert rec.collection == "frustest02"
    assert [r.id for r in archive.records("frustest01")] == [
        "frustest01/d1", "frustest01/d2", "frustest01/d3"]
    s = archive.stats()
    assert s["documents"] == 6 and s["collections"] == 2
    assert archive.store.integrity_check() == ["ok"]


def test_persons_and_terms_are_kept(archive: Archive, tmp_path: Path) -> None:
    archive.ingest([volume(tmp_path, "frustest01")])
    col = archive.collection("frustest01")
    assert {p.xml_id for p in col.persons} == {"p_KJF1", "p_KNS1"}
    assert [t.xml_id for t in col.terms] == ["t_USSR1"]


def test_unchanged_file_is_a_no_op(archive: Archive, tmp_path: Path) -> None:
    p = volume(tmp_path, "frustest01")
    archive.ingest([p])
    before = archive.store.conn.execute("SELECT rowid, id FROM documents").fetchall()
    report = archive.ingest([p])
    assert (report.ingested, report.unchanged, report.documents) == (0, 1, 0)
    assert archive.store.conn.execute("SELECT rowid, id FROM documents").fetchall() == before
    statuses = [r[0] for r in archive.store.conn.execute(
        "SELECT status FROM ingest_log ORDER BY id")]
    assert statuses == ["ingested", "unchanged"]


def test_changed_file_replaces_its_documents(archive: Archive, tmp_path: Path) -> None:
    archive.ingest([volume(tmp_path, "frustest01")])
    archive.ingest([volume(tmp_path / "other", "frustest02")])
    report = archive.ingest([volume(tmp_path, "frustest01", drop="d2")])
    assert (report.replaced, report.documents) == (1, 2)
    assert [r.id for r in archive.records("frustest01")] == ["frustest01/d1", "frustest01/d3"]
    with pytest.raises(NotFound):
        archive.get("frustest01/d2")
    assert archive.stats()["documents"] == 5


def test_same_volume_gzipped_replaces_the_plain_one(archive: Archive, tmp_path: Path) -> None:
    archive.ingest([volume(tmp_path / "a", "frustest01")])
    report = archive.ingest([volume(tmp_path / "b", "frustest01", gz=True)])
    assert report.replaced == 1
    assert report.warnings == [
        f"{tmp_path / 'b' / 'frustest01.xml.gz'}: collection 'frustest01' came from "
        f"{(tmp_path / 'a' / 'frustest01.xml').resolve()}: its documents are replaced by "
        "this file's"]
    assert archive.stats()["documents"] == 3


def test_missing_path_fails_alone(archive: Archive, tmp_path: Path) -> None:
    good = volume(tmp_path, "frustest01")
    report = archive.ingest([tmp_path / "nope.xml", good])
    assert report.failed == 1 and report.ingested == 1
    assert report.errors == [(str(tmp_path / "nope.xml"), "no such file")]
    row = archive.store.conn.execute(
        "SELECT status, error FROM ingest_log WHERE path = ?", (str(tmp_path / "nope.xml"),)
    ).fetchone()
    assert row == ("failed", "no such file")


def test_progress_events(archive: Archive, tmp_path: Path) -> None:
    paths = [volume(tmp_path, "frustest01"), volume(tmp_path, "frustest02", gz=True)]
    events: list[IngestEvent] = []
    archive.ingest(paths, on_progress=events.append)
    total = sum(p.stat().st_size for p in paths)
    assert [(e.index, e.outcome is None) for e in events] == [
        (0, True), (1, False), (1, True), (2, False)]
    assert events[-1].done_bytes == events[-1].total_bytes == total
    assert events[-1].outcome is not None and events[-1].outcome.status == "ingested"


def test_forced_format(archive: Archive, tmp_path: Path) -> None:
    report = archive.ingest([volume(tmp_path, "frustest01")], format="tei")
    assert report.ingested == 1
    with pytest.raises(ReadError, match="unknown format 'nope'"):
        archive.ingest([tmp_path], format="nope")


def test_expand_paths(tmp_path: Path) -> None:
    for name in ("b.xml", "a.xml.gz", "c.txt", "d.html", "e.htm", "skip.bin", "f.xml.part",
                 ".hidden.xml", "sub/g.XML", "s.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path])]
    assert found == ["a.xml.gz", "b.xml", "c.txt", "d.html", "e.htm", "s.png", "sub/g.XML"]
    # A file named explicitly is taken whatever its name, and only once.
    assert expand_paths([tmp_path / "skip.bin", tmp_path / "skip.bin"]) == [tmp_path / "skip.bin"]


def test_get_and_records_raise_not_found(archive: Archive) -> None:
    with pytest.raises(NotFound, match="frusx/d1"):
        archive.get("frusx/d1")
    with pytest.raises(NotFound, match="collection"):
        archive.records("frusx")


def test_open_without_create(tmp_path: Path) -> None:
    with pytest.raises(CablegramError, match="no archive here"):
        Archive.open(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_default_db_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CABLEGRAM_DB", str(tmp_path / "env.db"))
    with Archive.open() as a:
        a.ingest([volume(tmp_path, "frustest01")])
    assert (tmp_path / "env.db").exists()


# -- files that hold part of a collection (text pages, catalog pages) ---------------------

TEXT = Path(__file__).parent / "fixtures" / "text"


def test_catalog_pages_are_merged_not_replaced(archive: Archive, tmp_path: Path) -> None:
    from cablegram.readers.catalog import CatalogReader

    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("000_bf63f812ba403214.txt", "001_dae7b9ded274fa96.txt"):
        (pages / name).write_bytes((TEXT / name).read_bytes())
    (merged,) = CatalogReader().read(pages)
    for page in sorted(pages.iterdir()):  # one page per run, as a user would add them
        report = archive.ingest([page])
        assert report.errors == [] and report.ingested == 1
    assert sorted(r.id for r in archive.records("cdnw")) == sorted(r.id for r in merged.records)
    again = archive.ingest([pages])
    assert again.unchanged == 2


def test_a_text_page_replaces_only_its_own_documents(archive: Archive, tmp_path: Path) -> None:
    page = tmp_path / "v11.txt"
    text = (TEXT / "003_1bdb9de2a8d2d4fa.txt").read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    archive.ingest([page])
    ids = [r.id for r in archive.records("frus1961-63v11")]
    assert len(ids) == 25 and "frus1961-63v11/d150" in ids
    d150 = archive.get("frus1961-63v11/d150").to_dict()

    # An extract of the same volume under another name adds nothing and takes nothing away.
    extract = tmp_path / "extract.txt"
    extract.write_text(text[: text.index("We both must make")], encoding="utf-8")
    report = archive.ingest([extract])
    assert report.errors == [] and report.documents == 0
    assert any("stored from another file already" in w for w in report.warnings)
    assert [r.id for r in archive.records("frus1961-63v11")] == ids
    assert archive.get("frus1961-63v11/d150").to_dict() == d150

    # The page itself, changed, replaces its own documents: here it loses its last ones.
    page.write_text(text[: text.index("We both must make")], encoding="utf-8")
    report = archive.ingest([page])
    assert report.replaced == 1 and report.documents < 25
    with pytest.raises(NotFound):
        archive.get("frus1961-63v11/d150")
    assert archive.store.integrity_check() == ["ok"]


# -- the real corpus -----------------------------------------------------------------------

CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", Path(__file__).parents[2] / "shared" / "corpus"))


@pytest.mark.corpus
@pytest.mark.slow
def test_the_whole_corpus(tmp_path: Path) -> None:
    """One record per div[@type="document"] of every volume, as MANIFEST.tsv counts them."""
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        pytest.skip("corpus not found (CABLEGRAM_CORPUS)")
    expected = {}
    for line in manifest.read_text().splitlines()[1:]:
        vol, docs, *_ = line.split("\t")
        expected[vol] = int(docs)
    with Archive.open(tmp_path / "corpus.db") as a:
        report = a.ingest([CORPUS / "frus"])
        assert report.errors == []
        assert report.ingested == len(expected)
        stored = {c["id"]: c["documents"] for c in a.stats()["by_collection"]}
        assert stored == expected
        # Only the three volumes that repeat an xml:id warn.
        warned = {Path(f.path).name for f in report.files if f.warnings}
        assert warned == {"frus1948v01p1.xml.gz", "frus1952-54v12p2.xml.gz",
                          "frus1952-54v14p2.xml.gz"}
        assert a.store.integrity_check() == ["ok"]
        again = a.ingest([CORPUS / "frus"])
        assert again.unchanged == len(expected) and again.documents == 0


def test_stats_counts_the_warnings_of_files_given_by_relative_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ingest log and the sources table name a file alike, however it was given."""
    volume = tmp_path / "in" / "frustest02.xml"
    volume.parent.mkdir()
    text = FIXTURE.read_text(encoding="utf-8")
    # Repeat an xml:id, which the TEI reader warns about and ingests anyway.
    volume.write_text(text.replace('xml:id="d2"', 'xml:id="d1"', 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with Archive.open(tmp_path / "a.db") as archive:
        report = archive.ingest([Path("in") / "frustest02.xml"])
        assert len(report.warnings) == 1
        assert archive.stats()["warnings"] == 1
