"""Layout variants of text renderings: other volumes, hard-wrapped lines, traps, HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.readers.html import HtmlReader, html_paragraphs
from cablegram.readers.registry import detect_reader, get_reader
from cablegram.readers.text import TextReader
from cablegram.readers.text_layout import (
    collection_id,
    is_dateline,
    volume_slug,
    years_slug,
)
from cablegram.readers.text_split import parse_title_block
from cablegram.record import Record

FIX = Path(__file__).parent.parent / "fixtures" / "text"
E5 = FIX / "frus_e5_mini.txt"
HTML = FIX / "frus_mini.html"


def _records(path: Path) -> dict[str, Record]:
    batch = next(detect_reader(path).read(path))
    return {r.number or "": r for r in batch.records}


@pytest.mark.parametrize(
    ("years", "volume", "title", "expected"),
    [
        ("1961-1963", "Volume XI", None, "frus1961-63v11"),
        ("1969-1976", "Volume E-5, Part 1", None, "frus1969-76ve05p1"),
        ("1969–1976", "Volume E–15, Part 2", None, "frus1969-76ve15p2"),
        ("1948", "Volume I, Part 2", None, "frus1948v01p2"),
        ("1961–1963", "Volumes VII/VIII/IX, Microfiche Supplement", None,
         "frus1961-63v07-09mSupp"),
        ("1952–1954", "Retrospective Volume", "Guatemala", "frus1952-54Guat"),
        ("1917–1972", None, "Public Diplomacy, World War I", "frus1917-72PubDip"),
        ("1964-1968", "Volume XXIV", None, "frus1964-68v24"),
        ("1964-1968", None, "Some Title", None),
    ],
)
def test_volume_ids(years: str, volume: str | None, title: str | None,
                    expected: str | None) -> None:
    assert collection_id(years, volume, title) == expected


def test_one_line_title_block() -> None:
    block = parse_title_block(
        ["Foreign Relations of the United States, 1969–1976, Volume E–5, Part 1, Documents on "
         "Sub-Saharan Africa, 1969–1972"])
    assert block.collection == "frus1969-76ve05p1"


def test_e5_page() -> None:
    batch = next(TextReader().read(E5))
    assert batch.collection.id == "frus1969-76ve05p1"
    assert [r.id for r in batch.records] == [f"frus1969-76ve05p1/d{n}" for n in (1, 2, 3)]
    assert batch.warnings == []


def test_hard_wrapped_lines_join() -> None:
    note = _records(E5)["1"]
    assert note.doc_type == "editorial-note"
    assert note.text == ("On March 3, 1969, the Secretary of State wrote a note that is printed "
                         "here as hard-wrapped lines.")
    assert [f.text for f in note.footnotes] == ["See Document 2."]


def test_numbered_paragraphs_are_not_documents() -> None:
    tel = _records(E5)["2"]
    # "3. Numbered paragraphs…" and "4. Memorandum of…" sit in document 2's body.
    assert "3. Numbered paragraphs reach the next document number" in tel.text
    assert "4. Memorandum of Conversation without a full stop" in tel.text
    assert tel.place == "Lagos" and tel.date == "1969-03-05"
    assert tel.source_note is not None and tel.source_note.startswith("National Archives")
    assert tel.telegram_number == "2140"


def test_redactions_in_source_note_and_body() -> None:
    memo = _records(E5)["3"]
    assert memo.source_note is not None
    assert memo.source_note.endswith("[1 line of source text not declassified]")
    assert [(x.text, x.extent) for x in memo.redactions] == [
        ("[2 paragraphs (14 lines) not declassified]", "2 paragraphs (14 lines)")]
    assert "[end of document]" not in memo.text and "Return to" not in memo.text


def test_html_page_reads_like_text() -> None:
    assert detect_reader(HTML).name == "frus-html"
    batch = next(HtmlReader().read(HTML))
    assert batch.collection.id == "frus1961-63v11"
    recs = {r.number: r for r in batch.records}
    assert list(recs) == ["128", "129"]
    t128, t129 = recs["128"], recs["129"]
    assert (t128.place, t128.date, t128.time) == ("New York", "1962-10-31", "22:00")
    assert t128.classification == "confidential" and "Eyes Only" in t128.handling
    assert t128.telegram_number == "1579"
    assert [f.text for f in t128.footnotes] == ["See Document 127."]
    assert "Source:" not in t128.text and "/1/" not in t128.text
    assert t129.footnotes[0].text.startswith("Gilpatric’s notes")
    assert t129.time == "22:50"
    for r in batch.records:
        assert r.format == "frus-html"
        assert "Home" not in r.text and "flag" not in r.text and "Department Seal" not in r.text
        assert "var x" not in r.text


def test_html_markers_become_slash_numbers(tmp_path: Path) -> None:
    paras = html_paragraphs("<html><body><p>Text.<sup>12</sup> More<a class='note'>3</a>"
                            "</p><p>x<sup>st</sup></p></body></html>", tmp_path / "x.html")
    assert [p.text for p in paras] == ["Text./12/ More/3/", "xst"]


def test_forced_formats() -> None:
    assert get_reader("frus-text").name == "frus-text"
    assert get_reader("catalog").name == "catalog"
    assert get_reader("frus-html").name == "frus-html"


def test_tei_is_not_taken_by_the_text_readers(tmp_path: Path) -> None:
    tei = (b'<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>'
           b"<p>FOREIGN RELATIONS OF THE UNITED STATES</p><p>Item | Date | From | To | Number"
           b"</p></body></text></TEI>\n")
    for reader in (TextReader(), HtmlReader(), get_reader("catalog")):
        assert not reader.detect(tei, tmp_path / "v.xml")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Washington, October 31, 1962, 6 p.m.", True),
        ("Moscow, undated.", True),
        ("New York, November 4, 1962, 11:50 p.m.", True),
        ("Lagos, March 5, 1969, 1130Z.", True),
        ("November 5, 1962.", True),
        ("[place not declassified], February 21, 1954.", True),
        ("place not declassified, February 21, 1954.", True),  # brackets lost on a page
        ("places were visited by February 21, 1954.", False),
        ("The meeting was held November 2, 1962.", False),
        ("1. The Subcommittee reviewed the situation as of October 31, 1962.", False),
        ("Secretary Rusk said the time had come.", False),
    ],
)
def test_dateline_layout(line: str, expected: bool) -> None:
    assert is_dateline(line) is expected


@given(st.text(max_size=200))
def test_layout_recognisers_never_raise(s: str) -> None:
    is_dateline(s)
    volume_slug(s)
    years_slug(s)
    parse_title_block(s.splitlines())


@given(st.text(max_size=400))
def test_any_text_reads_or_raises_read_error(tmp_path_factory: pytest.TempPathFactory,
                                             s: str) -> None:
    from cablegram.errors import ReadError

    path = tmp_path_factory.mktemp("h") / "page.txt"
    path.write_text("FOREIGN RELATIONS OF THE UNITED STATES\n1961-1963\nVolume XI\n\n" + s,
                    encoding="utf-8")
    try:
        batch = next(TextReader().read(path))
    except ReadError as e:
        assert str(path) in str(e)
    else:
        assert all(r.collection == "frus1961-63v11" for r in batch.records)
