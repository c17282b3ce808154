"""A page merges into its TEI twin: same record id, TEI fields kept, the page fills only
what is empty, `extra["field_sources"]` says where each field came from, and either order
of ingest ends with the same record (issue 14, part B)."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cablegram.archive import Archive
from cablegram.readers.tei import TeiReader
from cablegram.record import Record
from cablegram.store.twins import FIELD_SOURCES, merge_twins
from render import layouts

FIX = Path(__file__).parent / "fixtures"
TEI = FIX / "tei" / "frus-mini.xml"  # Volume XCIX of 1961-1963: frus1961-63v99
SEEDS = FIX / "text"


def _volume(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "frus1961-63v99.xml"
    shutil.copy(TEI, path)
    return path


def _page(folder: Path, layout: str = "frus-2001", time: str = "3 p.m.") -> Path:
    """The volume as pages of `layout`, where document 2 (no time in the TEI) has one."""
    [batch] = list(TeiReader().read(TEI))
    records = copy.deepcopy(batch.records)
    records[1].extra["dateline"] = f"Moscow, January 29, 1961, {time}"
    records[1].title += " (as the page prints it)"
    folder.mkdir(parents=True, exist_ok=True)
    batch.collection.id = "frus1961-63v99"
    [(_, content)] = layouts()[layout].render(batch.collection, records)
    path = folder / f"{layout}.txt"
    path.write_text(content, encoding="utf-8")
    return path


def _records(archive: Archive) -> dict[str, dict[str, object]]:
    return {r.id: r.to_dict() for r in archive.records("frus1961-63v99")}


def test_page_fills_what_the_tei_leaves_empty_in_either_order(tmp_path: Path) -> None:
    volume, page = _volume(tmp_path / "tei"), _page(tmp_path / "pages")
    with Archive.open(tmp_path / "a.db") as a, Archive.open(tmp_path / "b.db") as b:
        first = a.ingest([volume])
        assert a.ingest([page]).errors == []
        b.ingest([page])
        assert b.ingest([volume]).errors == []
        assert _records(a) == _records(b) and len(_records(a)) == 4
        d2 = a.get("frus1961-63v99/d2")
    assert first.documents == 4
    [tei] = [r for r in next(TeiReader().read(TEI)).records if r.number == "2"]
    assert d2.time == "15:00" and tei.time is None  # filled from the page
    assert d2.title == tei.title and d2.date == tei.date  # the TEI's, kept
    sources = d2.extra[FIELD_SOURCES]
    assert sources["time"] == {"format": "frus-2001", "origin": str(page.resolve())}
    assert sources["title"]["format"] == "tei" and sources["date"]["format"] == "tei"
    assert d2.format == "tei" and d2.origin == str(volume.resolve())


def test_each_file_read_again_replaces_only_its_own_contribution(tmp_path: Path) -> None:
    volume, page = _volume(tmp_path / "tei"), _page(tmp_path / "pages")
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest([volume, page])
        _page(tmp_path / "pages", time="4 p.m.")  # the page, changed
        archive.ingest([page])
        assert archive.get("frus1961-63v99/d2").time == "16:00"
        volume.write_text(volume.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        report = archive.ingest([volume])  # the volume, changed: the page's part stays
        assert report.errors == [] and report.files[0].status != "unchanged"
        d2 = archive.get("frus1961-63v99/d2")
        assert d2.time == "16:00" and d2.extra[FIELD_SOURCES]["time"]["format"] == "frus-2001"
        assert len(_records(archive)) == 4


def test_one_ingest_of_a_folder_that_mixes_every_layout(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    _volume(folder)
    _page(folder, "frus-2001")
    _page(folder, "frus-text")
    for seed in [*SEEDS.glob("00*.txt"), SEEDS / "frus_mini.html"]:
        shutil.copy(seed, folder / seed.name)
    [batch] = list(TeiReader().read(TEI))
    batch.collection.id = "frus1961-63v99"
    for layout in ("hsg-text", "hsg-html"):  # one page per document, named in its own ways
        for name, content in layouts()[layout].render(batch.collection, batch.records):
            (folder / f"{layout}-{name}").write_text(content, encoding="utf-8")
    # An older volume's page (file-number line, unnumbered heading) and its TEI twin.
    shutil.copy(FIX / "tei" / "frus1948v05p1-d153.xml", folder / "frus1948v05p1.xml")
    shutil.copy(FIX / "hsg" / "frus1948v05p1_d153.txt", folder)
    with Archive.open(tmp_path / "a.db") as archive:
        report = archive.ingest([folder])
        assert report.errors == [] and report.failed == 0
        assert len(_records(archive)) == 4
        pages = [f for f in report.files if f.path.name.startswith("hsg-")]
        assert len(pages) == 6 and all(f.status == "ingested" for f in pages)  # 2 chapters
        [old] = list(archive.records("frus1948v05p1"))
        assert old.id == "frus1948v05p1/d153" and old.format == "tei"
        assert old.source_note == "741.90G/1–1048: Telegram" and old.telegram_number == "97"
        [page] = [f for f in report.files if f.path.name == "frus1948v05p1_d153.txt"]
        assert page.status == "ingested" and "merged" in " ".join(page.warnings)
        # The seed 003 (documents 126-150) and an HTML page of two of them: one record each.
        assert len(list(archive.records("frus1961-63v11"))) == 25
        assert archive.get("frus1961-63v99/d2").time == "15:00"
        assert {c.id for c in archive.collections()} >= {"cdnw", "frus1961-63v11",
                                                         "frus1961-63v99"}


_FIELDS = ("place", "time", "classification", "telegram_number")


@given(st.lists(st.booleans(), min_size=8, max_size=8))
def test_merging_twins_is_the_same_in_either_order(present: list[bool]) -> None:
    tei = Record(id="v/d1", collection="v", number="1", format="tei", origin="/v.xml")
    page = Record(id="v/d1", collection="v", number="1", format="frus-2001", origin="/p.txt")
    for i, name in enumerate(_FIELDS):
        if present[i]:
            setattr(tei, name, f"tei-{name}")
        if present[4 + i]:
            setattr(page, name, f"page-{name}")
    one, other = merge_twins(tei, page), merge_twins(page, tei)
    assert one.to_dict() == other.to_dict()
    for i, name in enumerate(_FIELDS):
        want = f"tei-{name}" if present[i] else f"page-{name}" if present[4 + i] else None
        assert getattr(one, name) == want
    assert tei.extra == {} and page.extra == {}  # pure
