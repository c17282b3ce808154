"""Writing records in the frus-text layout, and reading them back."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from accuracy_script import text_accuracy as _accuracy
from cablegram.export.frus_text import dateline, render_record, title_block, write_frus_text
from cablegram.readers.text import TextReader
from cablegram.record import Collection, Footnote, Record

ROOT = Path(__file__).parents[2]
SEED = ROOT / "tests" / "fixtures" / "text" / "003_1bdb9de2a8d2d4fa.txt"
FIELDS = ("id", "title", "doc_type", "from", "to", "place", "date", "time", "classification",
          "handling", "telegram_number", "signers", "footnotes", "text")


def test_seed_round_trip(tmp_path: Path) -> None:
    batch = next(TextReader().read(SEED))
    out = tmp_path / "again.txt"
    with out.open("w", encoding="utf-8") as f:
        assert write_frus_text(batch.collection, batch.records, f) == 25
    again = next(TextReader().read(out))
    assert again.collection.id == "frus1961-63v11"
    for a, b in zip(batch.records, again.records, strict=True):
        da, db = a.to_dict(), b.to_dict()
        for key in FIELDS:
            if key == "footnotes":  # a note of several paragraphs is written as one
                da[key] = [{**f, "text": " ".join(f["text"].split())} for f in da[key]]
            assert da[key] == db[key], (a.id, key)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"subseries": "1961–1963", "volumenumber": "Volume VI",
          "volume": "Kennedy-Khrushchev Exchanges"}, "frus1961-63v06"),
        ({"subseries": "1969–1976", "volumenumber": "Volume E–5, Part 1",
          "volume": "Documents on Sub-Saharan Africa, 1969–1972"}, "frus1969-76ve05p1"),
        ({"subseries": "1952–1954", "volumenumber": "Retrospective Volume",
          "volume": "Guatemala"}, "frus1952-54Guat"),
        ({"subseries": "1917–1972", "volumenumber": "",
          "volume": "Public Diplomacy, World War I"}, "frus1917-72PubDip"),
        ({"subseries": "1961–1963", "volumenumber": "Volumes VII/VIII/IX, Microfiche Supplement",
          "volume": "Arms Control;\n  National Security"}, "frus1961-63v07-09mSupp"),
    ],
)
def test_title_block_names_the_volume(tmp_path: Path, meta: dict[str, str],
                                      expected: str) -> None:
    coll = Collection(id=expected, title="", meta=meta)
    rec = Record(id=f"{expected}/d1", collection=expected, number="1",
                 title="Editorial Note", text="A note.")
    out = tmp_path / "v.txt"
    with out.open("w", encoding="utf-8") as f:
        write_frus_text(coll, [rec], f)
    assert "FOREIGN RELATIONS OF THE UNITED STATES" in title_block(coll)
    assert next(TextReader().read(out)).collection.id == expected


@pytest.mark.parametrize(
    ("place", "date", "time", "expected"),
    [
        ("Moscow", "1962-10-23", "17:00", "Moscow, October 23, 1962, 5 p.m."),
        ("Washington", "1962-10-23", "18:51", "Washington, October 23, 1962, 6:51 p.m."),
        ("Paris", "1948-05-18", "12:00", "Paris, May 18, 1948, noon."),
        ("Paris", "1948-05-18", "00:00", "Paris, May 18, 1948, midnight."),
        (None, "1948-05-18", "09:05", "May 18, 1948, 9:05 a.m."),
        ("Moscow", None, None, "Moscow, undated."),
        (None, None, None, None),
    ],
)
def test_made_datelines(place: str | None, date: str | None, time: str | None,
                        expected: str | None) -> None:
    rec = Record(id="v/d1", collection="v", place=place, date=date, time=time)
    assert dateline(rec) == expected


def test_render_record_layout() -> None:
    rec = Record(id="v/d7", collection="v", number="7", title="Telegram From A to B",
                 place="Rome", date="1961-01-02", time="14:00",
                 source_note="Source: Central Files. Secret.", text="12. Text one.\n\nRusk",
                 footnotes=[Footnote("1", "See\nDocument 2."), Footnote("", "Unnumbered.")])
    assert render_record(rec) == (
        "7. Telegram From A to B\n\nRome, January 2, 1961, 2 p.m.\n\n"
        "//Source: Central Files. Secret.\n\n12. Text one.\n\nRusk\n\n"
        "/1/See Document 2.\n\n/2/Unnumbered.\n\n")


def test_export_writes_to_a_stream() -> None:
    buf = io.StringIO()
    coll = Collection(id="frus1961-63v11", meta={"subseries": "1961–1963",
                                                  "volumenumber": "Volume XI"})
    write_frus_text(coll, [], buf)
    assert buf.getvalue().startswith("Department Seal\n\nFOREIGN RELATIONS OF THE UNITED STATES"
                                     "\n1961-1963\nVolume XI\n")
    assert buf.getvalue().rstrip().endswith("bar")



def _corpus() -> Path:
    corpus = Path(os.environ.get("CABLEGRAM_CORPUS", ROOT.parent / "shared" / "corpus"))
    if not (corpus / "frus").is_dir():
        pytest.skip(f"no corpus at {corpus}")
    return corpus


@pytest.mark.corpus
def test_text_path_agrees_with_tei_on_one_volume() -> None:
    report = _accuracy().measure(_corpus(), ["frus1961-63v06"])
    assert report.documents == 120 and report.unmatched == 0
    assert report.volume_id_ok == 1
    for name, rate in report.figures().items():
        assert rate >= 0.98, name


@pytest.mark.corpus
@pytest.mark.slow
def test_text_path_agrees_with_tei_printed_text_mode_on_the_corpus() -> None:
    mod = _accuracy()
    report = mod.measure(_corpus(), markup=False)
    assert report.volumes == 92 and report.volume_id_ok == 92 and report.unmatched == 0
    for name, rate in report.figures().items():
        assert rate >= mod.TARGET, f"{name}: {rate:.2%}"


@pytest.mark.corpus
@pytest.mark.slow
def test_text_path_agrees_with_tei_markup_mode_on_the_corpus() -> None:
    mod = _accuracy()
    report = mod.measure(_corpus())
    for name, rate in report.figures().items():
        assert rate >= mod.TARGET, f"{name}: {rate:.2%}"


def test_export_collection_from_an_archive(tmp_path: Path) -> None:
    from cablegram.archive import Archive
    from cablegram.export.frus_text import export_collection

    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest([SEED])
        buf = io.StringIO()
        assert export_collection(archive, "frus1961-63v11", buf) == 25
    out = tmp_path / "v11.txt"
    out.write_text(buf.getvalue(), encoding="utf-8")
    again = next(TextReader().read(out))
    assert [r.id for r in again.records] == [f"frus1961-63v11/d{n}" for n in range(126, 151)]
    assert again.records[8].date == "1963-11-02"
    assert again.collection.title == "Cuban Missile Crisis and Aftermath"
    assert again.collection.meta["volumenumber"] == "Volume XI"
