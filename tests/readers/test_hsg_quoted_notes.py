"""A page copied as text without "↩" whose note quotes numbered paragraphs keeps every
note (the notes list is split by `fields.note_list`), in the older volumes' shape, counted
from 1 by the browser, in the later shape ("1. Source: …") and indented as copied.

The case is https://history.state.gov/historicaldocuments/frus1948v01p1/d188 (its note 3
quotes the plan of work of the Commission for Conventional Armaments, numbered 1 to 6);
the indented list as https://history.state.gov/historicaldocuments/frus1950v07/d63 and
https://history.state.gov/historicaldocuments/frus1919v01/d13 copy it ("  1. Not
printed.", a note's later paragraph indented deeper). The fixture is written by hand from
the corpus's TEI of d188 (public domain), shortened.
"""

from __future__ import annotations

from pathlib import Path

from cablegram.readers.registry import detect_reader
from cablegram.record import Record

FIX = Path(__file__).parent.parent / "fixtures" / "hsg" / "frus1948v01p1_d188.txt"
LINES = FIX.read_text(encoding="utf-8").splitlines()
NOTES = LINES[LINES.index("Marshall") + 1 : LINES.index("Cite this page")]
NOTE_STARTS = [0, 1, 8, 9]  # the lines of NOTES that open notes 2, 3, 4 and 5


def _read(tmp_path: Path, lines: list[str], name: str = "frus1948v01p1_d188.txt") -> Record:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batch = next(iter(detect_reader(path).read(path)))
    assert batch.warnings == []
    [rec] = batch.records
    return rec


def _check(rec: Record) -> None:
    assert rec.id == "frus1948v01p1/d188"
    assert [f.n for f in rec.footnotes] == ["2", "3", "4", "5"]
    quoting = rec.footnotes[1].text
    assert quoting.startswith("For text of the resolution")
    assert "\n\n6. Submission of a report" in quoting
    assert quoting.endswith("consideration of item 2 (basic principles).")
    assert rec.footnotes[2].text.startswith("The Executive Committee on Regulation")
    # The notes are out of the text, and their marks are split off.
    assert rec.text.endswith("Marshall")
    assert "Consideration of practical" not in rec.text and "today.5" not in rec.text


def test_the_older_shape_keeps_every_note() -> None:
    batch = next(iter(detect_reader(FIX).read(FIX)))
    assert batch.warnings == []
    _check(batch.records[0])


def test_a_list_counted_from_one_by_the_browser(tmp_path: Path) -> None:
    notes = list(NOTES)
    for k, i in enumerate(NOTE_STARTS, start=1):
        notes[i] = f"{k}." + notes[i].split(".", 1)[1]
    start = LINES.index(NOTES[0])
    _check(_read(tmp_path, [*LINES[:start], *notes, *LINES[start + len(NOTES):]]))


def test_indented_as_a_browser_copies_a_list(tmp_path: Path) -> None:
    # Items indented two spaces, a note's later paragraphs four (the quoted "2." … "6.").
    notes = [("  " if i in NOTE_STARTS else "    ") + t for i, t in enumerate(NOTES)]
    start = LINES.index(NOTES[0])
    _check(_read(tmp_path, [*LINES[:start], *notes, *LINES[start + len(NOTES):]]))


def test_the_later_shape_with_a_source_note(tmp_path: Path) -> None:
    # Layout 1 of a later page: a numbered heading with its source mark, "1. Source: …".
    file_line, heading = LINES[4], LINES[5]
    body = LINES[6 : LINES.index("Marshall") + 1]
    lines = [*LINES[:4], f"188. {heading}1", *body, f"1. Source: {file_line}", *NOTES,
             *LINES[-3:]]
    rec = _read(tmp_path, lines)
    _check(rec)
    assert rec.source_note == file_line
