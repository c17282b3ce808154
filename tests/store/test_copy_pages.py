"""`cablegram copy` of collections built from several files: a TEI volume with two page files
merged into its records (`extra.field_sources`), and a volume known only from two
history.state.gov pages. Copied to the other backend and back, the records, their hashes,
the search answers and the sources (every file stays unchanged) are the same."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablegram.archive import Archive
from cablegram.cli import main
from cablegram.copying import content_hash
from cablegram.readers.tei import TeiReader
from cablegram.store.twins import FIELD_SOURCES
from render import layouts

FIX = Path(__file__).parents[1] / "fixtures"
TEI = FIX / "tei" / "frus-mini.xml"  # frus1961-63v99, four documents
HSG = [FIX / "hsg" / "frus1969-76v15_d164.txt", FIX / "hsg" / "d165.html"]


def _files(folder: Path) -> list[Path]:
    """The volume, two pages of it (documents 1-2 at 3 p.m. and 3-4 at 4 p.m.), and two hsg
    pages of another volume."""
    folder.mkdir()
    volume = folder / "frus1961-63v99.xml"
    shutil.copy(TEI, volume)
    [batch] = list(TeiReader().read(TEI))
    pages = []
    for n, part in enumerate((slice(0, 2), slice(2, 4)), 1):
        records = copy.deepcopy(batch.records[part])
        for r in records:
            r.extra["dateline"] = f"Moscow, January 29, 1961, {n + 2} p.m."
        [(_, content)] = layouts()["frus-2001"].render(batch.collection, records)
        page = folder / f"pages-{n}.txt"
        page.write_text(content, encoding="utf-8")
        pages.append(page)
    hsg = [Path(shutil.copy(p, folder / p.name)) for p in HSG]
    return [volume, *pages, *hsg]


def _records(archive: Archive) -> dict[str, dict[str, object]]:
    return {r.id: r.to_dict() for r in archive.records()}


@pytest.fixture
def other_location(backend: str, tmp_path: Path,
                   request: pytest.FixtureRequest) -> Callable[[], str]:
    """A new archive on the other backend than this test's."""
    if backend == "postgres":
        return lambda: str(tmp_path / "other.db")
    return lambda: str(request.getfixturevalue("pg_url"))


def test_copy_of_collections_from_several_files_both_ways(
        archive_location: str, other_location: Callable[[], str],
        new_location: Callable[[str], str], tmp_path: Path) -> None:
    files = _files(tmp_path / "in")
    with Archive.open(archive_location) as first:
        report = first.ingest(files, read_ahead="off")
        assert report.errors == [] and report.failed == 0
        records = _records(first)
        answers = first.search("moscow OR soviet", facets=["year", "collection"], limit=50)
        before = content_hash(first.store)
    merged = [r for r in records.values() if FIELD_SOURCES in r.get("extra", {})]
    # Documents 2 and 3 have no time in the TEI: each took it from its page.
    assert [r["id"].rsplit("/", 1)[1] for r in merged] == ["d2", "d3"]
    assert {r["extra"][FIELD_SOURCES]["time"]["origin"] for r in merged} == {
        str(files[1].resolve()), str(files[2].resolve())}
    assert {r["collection"] for r in records.values()} == {"frus1961-63v99", "frus1969-76v15"}

    there, back = other_location(), new_location("back")
    for src, dst in ((archive_location, there), (there, back)):
        result = CliRunner().invoke(main, ["copy", "--from", src, "--to", dst])
        assert result.exit_code == 0, result.output
        with Archive.open(dst) as copied:
            assert _records(copied) == records
            assert content_hash(copied.store) == before
            assert copied.search("moscow OR soviet", facets=["year", "collection"],
                                 limit=50) == answers
            # Every file is known with its hash: none of them is read again ...
            again = copied.ingest(files, read_ahead="off")
            assert [f.status for f in again.files] == ["unchanged"] * len(files)
            # ... and a page changed on disk replaces its own part only.
    changed = files[2]
    changed.write_text(changed.read_text(encoding="utf-8").replace("4 p.m.", "5 p.m."),
                       encoding="utf-8")
    with Archive.open(back) as b:
        assert b.ingest([changed], read_ahead="off").errors == []
        times = {r.number: r.time for r in b.records("frus1961-63v99")}
        assert times == {"1": "18:34", "2": "15:00", "3": "17:00", "4": "09:00"}
        assert len(list(b.records("frus1969-76v15"))) == 2
