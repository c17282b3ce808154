"""Layout 3: pages of the Department's 2001–2009 site and its mirrors ("Documents 29-38").

Learnt from these real pages (nothing copied; the fixtures below are corpus-style text
written for the tests):
- http://nasser.bibalex.org/Data/USDocWeb/HTML/XIV-Soviet%20Union-1964-68/www.state.gov/r/pa/ho/frus/johnsonlb/xiv/1309.htm
- https://webarchive.library.unt.edu/eot2008/20090506233517/http:/www.state.gov/www/about_state/history/vol_xxxiv/sources.html
- http://nasser.bibalex.org/Data/USDocWeb/HTML/XXIV,%20Africa%201964-68/www.state.gov/www/about_state/history/vol_xxiv/sources.html
- https://scribd.com/document/335891271/CIA-FOIA-NA-Vietnam-January-August-1968-02-Sources
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cablegram.errors import ReadError
from cablegram.readers.registry import detect_reader, get_reader
from cablegram.readers.text_split import parse_title_block
from cablegram.record import Batch
from render import layouts

HEAD = (
    "Skip Links\nU.S. Department of State\nSearch\n[Print Friendly Version]\n\n"
    "Foreign Relations of the United States 1964-1968, Volume XIV\n"
    "Released by the Office of the Historian\n\n"
    "Starting Over With the New Regime, November 1964-February 1965\n\nDocuments 67-68\n\n"
)
DOC_67 = (
    "67. Message From the Soviet Government to President Johnson/1/\n\n"
    "Moscow, November 3, 1964.\n\n"
    "/1/Source: National Archives and Records Administration, RG 59, Presidential "
    "Correspondence: Lot 77 D 163. Top Secret. Attached to a covering memorandum of "
    "November 3 (7/16/64 in the file's index).\n\n"
    "The Soviet Government took note of the President's statement/2/ on the desire for "
    "peace.\n\n"
    "/2/Made to Ambassador Dobrynin on October 20; see Document 64.\n\n"
    "It is ready to continue the exchange of views on the questions raised.\n\n"
)
DOC_68 = (
    "68. Telegram From the Embassy in the Soviet Union to the Department of State/1/\n\n"
    "Moscow, November 5, 1964, 4 p.m.\n\n"
    "/1/Source: Department of State, Central Files, POL 15-1 USSR. Secret; Limdis.\n\n"
    "1412. Embassy has no further word on the plenum./2/\n\n"
    "/2/See footnote 2 to Document 67.\n\n"
    "Kohler\n\n"
)
FOOT = ("Return to this volume's home page\n\n"
        "This site is managed by the Bureau of Public Affairs.\n")


def _read(tmp_path: Path, text: str, name: str = "page.txt") -> Batch:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    reader = detect_reader(path)
    assert reader.name == "frus-2001"
    return next(reader.read(path))


def test_a_page_of_two_documents(tmp_path: Path) -> None:
    batch = _read(tmp_path, HEAD + DOC_67 + DOC_68 + FOOT)
    assert batch.collection.id == "frus1964-68v14" and batch.collection.format == "frus-2001"
    d67, d68 = batch.records
    assert d67.id == "frus1964-68v14/d67"
    assert d67.title == "Message From the Soviet Government to President Johnson"
    assert d67.sender == "Soviet Government" and d67.recipient == "President Johnson"
    assert d67.date == "1964-11-03" and d67.place == "Moscow"
    assert d67.classification == "top secret"
    assert d67.source_note is not None and "7/16/64" in d67.source_note
    assert [f.n for f in d67.footnotes] == ["2"]
    assert "see Document 64" in d67.footnotes[0].text
    assert "/2/" not in d67.text and "statement on the desire" in d67.text
    assert d68.telegram_number == "1412" and d68.time == "16:00"
    assert d68.classification == "secret" and d68.handling == ["Limdis"]
    assert d68.footnotes[0].text == "See footnote 2 to Document 67."  # a note citing a note
    assert "Bureau of Public Affairs" not in d68.text and d68.flags == []
    assert not batch.warnings


@pytest.mark.parametrize(("lines", "expected"), [
    (["1964-1968, Volume XXXIV", "Energy, Diplomacy, and Global Issues", "Department of State"],
     "frus1964-68v34"),
    (["1969-1976, Volume E-5", "Part 2, Documents on North Africa, 1969-1972"],
     "frus1969-76ve05p2"),
    (["Foreign Relations, 1964-1968, Volume VI, Vietnam, January-August 1968"], "frus1964-68v06"),
    (["Foreign Relations, 1952-1954, Retrospective Volume, Guatemala"], "frus1952-54Guat"),
    (["1917-1972", "Public Diplomacy, World War I"], "frus1917-72PubDip"),
])
def test_the_title_lines_of_both_sites(lines: list[str], expected: str) -> None:
    assert parse_title_block(["Great Seal", "", *lines, "flag bar"]).collection == expected


def test_the_format_can_be_forced_and_the_seed_stays_frus_text(tmp_path: Path) -> None:
    assert get_reader("frus-2001").name == "frus-2001"
    seed = Path(__file__).parent.parent / "fixtures" / "text" / "003_1bdb9de2a8d2d4fa.txt"
    assert detect_reader(seed).name == "frus-text"
    path = tmp_path / "page.txt"
    path.write_text(HEAD + DOC_67 + FOOT, encoding="utf-8")
    [forced] = list(get_reader("frus-text").read(path))  # the splitter reads both
    assert forced.records[0].source_note and forced.records[0].footnotes[0].n == "2"


def test_a_page_whose_documents_have_no_source_note_is_still_this_layout(
        tmp_path: Path) -> None:
    text = HEAD + "67. Editorial Note\n\nThe President met the Ambassador on November 3.\n\n"
    batch = _read(tmp_path, text + FOOT)
    [note] = batch.records
    assert note.doc_type == "editorial-note" and note.flags == []


def test_a_page_cut_off_mid_document_is_flagged_and_warned(tmp_path: Path) -> None:
    cut = (HEAD + DOC_67 + DOC_68).split("Embassy has no further word")[0]
    batch = _read(tmp_path, cut + "Embassy has no further word on the plenum of the Central "
                  "Committee, which according to the rumours heard in")
    assert [r.number for r in batch.records] == ["67", "68"]
    assert "truncated" in batch.records[1].flags
    assert any("document 68 looks truncated" in w for w in batch.warnings)


@pytest.mark.parametrize("contents", [
    # A volume's table of contents, one entry a paragraph.
    "Contents\n\n" + "".join(f"{n}. Telegram From the Embassy in the Soviet Union to the "
                             f"Department of State\n\n" for n in range(1, 12)),
    # A chapter page that lists its documents, one a line.
    "Starting Over With the New Regime\n\n" + "".join(
        f"{n}. Memorandum of Conversation, Washington, November {n}, 1964\n"
        for n in range(67, 80)),
])
def test_a_list_of_documents_is_refused_in_one_line(tmp_path: Path, contents: str) -> None:
    path = tmp_path / "contents.txt"
    path.write_text(HEAD + contents + FOOT, encoding="utf-8")
    with pytest.raises(ReadError) as err:
        next(detect_reader(path).read(path))
    assert err.value.path == str(path) and "nothing stored" in err.value.reason
    assert "\n" not in err.value.reason and "list of documents" in err.value.reason


def test_the_renderer_writes_pages_the_reader_reads_back(tmp_path: Path) -> None:
    """tests/render/frus_2001.py, on a hand-made volume: every document back, by id."""
    batch = _read(tmp_path, HEAD + DOC_67 + DOC_68 + FOOT)
    found = layouts()
    assert {"frus-text", "frus-2001"} <= set(found)
    pages = found["frus-2001"].render(batch.collection, batch.records)
    assert len(pages) == 1 and pages[0][0].startswith("page0001_67-68")
    back = _read(tmp_path, pages[0][1], "rendered.txt")
    assert [r.to_dict() | {"origin": None} for r in back.records] == [
        r.to_dict() | {"origin": None} for r in batch.records]


def test_two_saved_pages_in_one_file_give_every_document(tmp_path: Path) -> None:
    """The end line closes one page's documents, not the file: a heading confirmed by its
    dateline after the next page's chrome reads on. An end line before any document
    (a navigation link) ends nothing."""
    second = HEAD.replace("Documents 67-68", "Documents 69-69") + DOC_68.replace(
        "68. Telegram", "69. Telegram").replace("1412.", "1415.")
    text = "Return to the table of contents\n\n" + HEAD + DOC_67 + DOC_68 + FOOT + second + FOOT
    batch = _read(tmp_path, text)
    assert [r.number for r in batch.records] == ["67", "68", "69"]
    assert batch.records[2].telegram_number == "1415"
    assert "Bureau of Public Affairs" not in batch.records[1].text
    assert not batch.warnings
