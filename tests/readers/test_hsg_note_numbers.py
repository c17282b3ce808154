"""Notes of older volumes' pages copied as text: the volume's numbers, a note on the heading,
and a document that has no notes at all (issue 14).

Shapes seen on real pages of history.state.gov, copied as text:
https://history.state.gov/historicaldocuments/frus1942v02/d826 and
https://history.state.gov/historicaldocuments/frus1943v01/d86 (the marks keep the volume's
note numbers, "Bonna21", "September 27.45", while the browser numbers the notes list from
1), https://history.state.gov/historicaldocuments/frus1917Supp01v01/d877 (a note glued to
the heading, "( Page)1", the list indented, "↩") and
https://history.state.gov/historicaldocuments/frus1917Supp01v01/d884 (no notes: the page
ends with the body). The fixtures are corpus text (frus1948v05p1 d149, public domain),
hand-written in those shapes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cablegram.archive import Archive
from cablegram.readers.registry import detect_reader
from cablegram.readers.tei import TeiReader
from cablegram.record import Batch, Record

CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", Path(__file__).parents[3] / "shared" / "corpus"))

FILE_LINE = "741.90G/11–2647: Telegram"
HEADING = "The Acting Secretary of State to the Embassy in Iraq"
# The TEI numbers the notes of this document 2 and 3 (its note 1 is on another document).
FIRST = ("441. For Dorsz.2 Dept understands Busk Brit Chargé d’Affaires is being instructed to "
         "enter into top secret negotiations with Iraqi Govt looking forward to revision of "
         "Brit-Iraqi Treaty. Busk is also being instructed to keep in touch with you re "
         "developments.")
SECOND = ("In lending your support you may in case the two of you should consider it helpful "
          "discreetly mention matter to Regent3 or pertinent Iraqi officials pointing out "
          "importance to security of Middle East which US ascribes to successful outcome of "
          "negotiations.")
NOTES = ["Edmund J. Dorsz, First Secretary, of Embassy in Iraq, at this time serving as Chargé.",
         "Abdul Ilah."]
CHROME = ["Office of the Historian", "Search"]


def _read(tmp_path: Path, lines: list[str], name: str = "frus1948v05p1_d149.txt") -> Batch:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert detect_reader(path).name == "hsg-text"
    [batch] = list(detect_reader(path).read(path))
    return batch


def _page(first: str = FIRST, second: str = SECOND, notes: list[str] | None = None,
          back: str = "") -> list[str]:
    listed = [f"  {i}. {text}{back}" for i, text in enumerate(NOTES if notes is None else notes,
                                                             start=1)]
    return [*CHROME, FILE_LINE, HEADING, "top secret", first, second, "Lovett", *listed]


@pytest.mark.parametrize("back", ["", "↩"])
@pytest.mark.parametrize(("first", "second"), [("2", "3"), ("21", "22")])
def test_a_list_numbered_from_one_takes_the_volume_numbers(tmp_path: Path, back: str,
                                                           first: str, second: str) -> None:
    batch = _read(tmp_path, _page(*_marks(first, second), back=back))
    [rec] = batch.records
    assert [(f.n, f.text) for f in rec.footnotes] == [(first, NOTES[0]), (second, NOTES[1])]
    assert "For Dorsz. Dept understands" in rec.text and "to Regent or pertinent" in rec.text
    assert "Abdul Ilah" not in rec.text and rec.text.endswith("Lovett")
    assert rec.telegram_number == "441"
    assert batch.warnings == [] and "truncated" not in rec.flags


def test_a_mark_after_a_date_ending_a_sentence(tmp_path: Path) -> None:
    first = FIRST.replace("For Dorsz.2", "For Dorsz.").replace(
        "developments.", "developments of November 26.2 Dept concurs.")
    [rec] = _read(tmp_path, _page(first=first)).records
    assert [f.n for f in rec.footnotes] == ["2", "3"]
    assert "developments of November 26. Dept concurs." in rec.text


def _marks(first: str, second: str) -> tuple[str, str]:
    return FIRST.replace("Dorsz.2", f"Dorsz.{first}"), SECOND.replace("Regent3", f"Regent{second}")


@pytest.mark.parametrize(
    ("first", "second", "why"),
    [
        (*_marks("21", "23"), "not consecutive"),
        (*_marks("21", ""), "one mark short"),
        (*_marks("22", "21"), "not in order"),
        (*_marks(" Your 769, March 24, 4 p.m.", " in 1947"), "real numbers only"),
    ],
)
def test_no_whole_run_no_renumbering(tmp_path: Path, first: str, second: str, why: str) -> None:
    # Without the whole consecutive run, nothing is renumbered and nothing is lost: the list
    # stays in the text; a mark without its note flags the page.
    batch = _read(tmp_path, _page(first=first, second=second))
    [rec] = batch.records
    assert rec.footnotes == [], why
    assert rec.text.endswith(f"Lovett\n\n1. {NOTES[0]}\n\n2. {NOTES[1]}"), why
    assert first in rec.text and second in rec.text
    marked = why != "real numbers only"
    assert any("may be cut off" in w for w in batch.warnings) == marked, why


def test_a_list_longer_than_the_run_is_not_renumbered(tmp_path: Path) -> None:
    batch = _read(tmp_path, _page(*_marks("21", "22"), notes=[*NOTES, "A third note."]))
    [rec] = batch.records
    assert rec.footnotes == []
    assert rec.text.endswith("2. Abdul Ilah.\n\n3. A third note.")


@pytest.mark.parametrize("back", ["", "↩"])
def test_a_single_note_on_the_heading_indented(tmp_path: Path, back: str) -> None:
    # As frus1917Supp01v01 d877: "…( Page)1", no other mark, one note "  1. …↩".
    lines = [*CHROME, FILE_LINE, f"{HEADING} ( Dorsz)1", "[Circular Telegram]",
             FIRST.replace("Dorsz.2", "Dorsz."), f"  1. The same to the Embassy in Egypt.{back}"]
    batch = _read(tmp_path, lines)
    [rec] = batch.records
    assert rec.title == f"{HEADING} (Dorsz)"
    assert [(f.n, f.text) for f in rec.footnotes] == [("1", "The same to the Embassy in Egypt.")]
    assert "Egypt" not in rec.text
    assert batch.warnings == []


def test_no_notes_and_a_whole_last_sentence_is_no_cut_off(tmp_path: Path) -> None:
    first = FIRST.replace("Dorsz.2", "Dorsz.")
    batch = _read(tmp_path, [FILE_LINE, HEADING, first])
    [rec] = batch.records
    assert rec.footnotes == [] and rec.text == first
    assert batch.warnings == [] and "truncated" not in rec.flags


@pytest.mark.parametrize(
    "last",
    [
        FIRST.replace("Dorsz.2", "Dorsz.")[:-30],   # mid-sentence
        FIRST,                                      # a mark, and no note for it
    ],
)
def test_a_page_that_may_be_cut_off_still_warns(tmp_path: Path, last: str) -> None:
    path = tmp_path / "frus1948v05p1_d149.txt"
    path.write_text("\n".join([FILE_LINE, HEADING, last]) + "\n", encoding="utf-8")
    with Archive.open(tmp_path / "a.db") as archive:
        report = archive.ingest([path], read_ahead="off")
        assert any("may be cut off" in w and str(path) in w for w in report.warnings)
        rec = archive.get("frus1948v05p1/d149")
        assert "truncated" in rec.flags and rec.text.startswith("441. For Dorsz.")


def test_html_page_without_notes_is_whole(tmp_path: Path) -> None:
    paras = "".join(f'<p class="tei-p">{p}</p>' for p in (FIRST.replace("Dorsz.2", "Dorsz."),))
    page = ('<!DOCTYPE html><html><head><link rel="canonical" href="https://history.state.gov/'
            'historicaldocuments/frus1948v05p1/d149"></head><body><main>'
            f'<p class="tei-note">{FILE_LINE}</p><h3>{HEADING}</h3>{paras}</main>')
    path = tmp_path / "saved.html"
    # Cut before "</html>", yet whole: no notes, no marks, a whole last sentence.
    path.write_text(page, encoding="utf-8")
    assert detect_reader(path).name == "hsg-html"
    [batch] = list(detect_reader(path).read(path))
    assert batch.warnings == [] and "truncated" not in batch.records[0].flags


def test_html_page_keeps_the_volume_numbers(tmp_path: Path) -> None:
    # The site's HTML numbers the list items as the volume does (`value`): no renumbering.
    def mark(n: str) -> str:
        return f'<a class="note" rel="footnote" href="#fn:{n}">{n}</a>'

    body = [FIRST.replace("Dorsz.2", f"Dorsz.{mark('21')}"),
            SECOND.replace("Regent3", f"Regent{mark('22')}"), "Lovett"]
    paras = "".join(f'<p class="tei-p">{p}</p>' for p in body)
    notes = "".join(f'<li class="footnote" value="{n}"><span class="fn-content">{text}</span>'
                    '<a class="fn-back">↩</a></li>' for n, text in zip(("21", "22"), NOTES,
                                                                      strict=True))
    page = ('<!DOCTYPE html><html><head><link rel="canonical" href="https://history.state.gov/'
            'historicaldocuments/frus1948v05p1/d149"></head><body><main>'
            f'<p class="tei-note">{FILE_LINE}</p><h3>{HEADING}</h3>{paras}<ol>{notes}</ol>'
            "</main></body></html>")
    path = tmp_path / "saved.html"
    path.write_text(page, encoding="utf-8")
    [batch] = list(detect_reader(path).read(path))
    [rec] = batch.records
    assert [(f.n, f.text) for f in rec.footnotes] == [("21", NOTES[0]), ("22", NOTES[1])]
    assert "For Dorsz. Dept" in rec.text and "Regent or" in rec.text
    assert batch.warnings == []


def _run_after_one_numbers(numbers: list[str]) -> bool:
    """Numbers k, k+1, … with k > 1: the volume's numbers that a browser counts from 1."""
    if not numbers or not all(n.isdigit() for n in numbers) or int(numbers[0]) < 2:
        return False
    return numbers == [str(int(numbers[0]) + i) for i in range(len(numbers))]


def _run_after_one(rec: Record) -> bool:
    return _run_after_one_numbers([f.n for f in rec.footnotes])


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "frus").is_dir(), reason=f"no corpus at {CORPUS}")
def test_corpus_lists_counted_from_one(tmp_path: Path) -> None:
    # Older-shape corpus documents whose notes the volume numbers k, k+1, … (k > 1), their
    # lists counted from 1 as a browser copies them: read back with the TEI's numbers.
    sys.path.insert(0, str(Path(__file__).parents[1]))
    from cablegram.fields.file_line import parse_file_line
    from render._hsg_old import Shape, old_doc, text_page

    pages = same = 0
    wrong: list[str] = []
    kept: list[str] = []
    for vol in ("frus1948v05p1", "frus1949v07p1", "frus1948v01p1"):
        [tei, *_] = list(TeiReader().read(CORPUS / "frus" / f"{vol}.xml.gz"))
        for k, rec in enumerate(r for r in tei.records if r.source_note and r.text
                                and parse_file_line(r.source_note) and _run_after_one(r)):
            shape = Shape(arrows=k % 2 == 1, counted=True)
            path = tmp_path / f"{vol}_{rec.id.rsplit('/', 1)[-1]}.txt"
            path.write_text(text_page(tei.collection, rec, shape), encoding="utf-8")
            [batch] = list(detect_reader(path).read(path))
            [got] = batch.records
            # The page's marks: the TEI's numbers ("*" printed as its place in the list).
            listed = old_doc(tei.collection, rec)[0].notes
            if not _run_after_one_numbers([n for n, _ in listed]):
                continue
            pages += 1
            want = [(n, " ".join(text.split())) for n, text in listed]
            have = [(f.n, " ".join(f.text.split())) for f in got.footnotes]
            # Each note read: with the volume's number (renumbered), with its place in the
            # list (left as counted: a mark glued to digits, "24.3", leaves the run short),
            # or with neither (wrong).
            tei_n = {text: n for n, text in want}
            counted = {text: str(i) for i, (_, text) in enumerate(want, start=1)}
            if have == want:
                same += 1
            elif all(counted.get(t) == n for n, t in have):
                kept.append(f"{rec.id} ({shape}): {len(have)} notes of {len(want)} as counted")
            wrong += [f"{rec.id}: note {tei_n.get(t)} read as {n}" for n, t in have
                      if n not in (tei_n.get(t), counted.get(t))]
    print(f"lists counted from 1: {pages} pages, notes as the TEI {same}, left as counted "
          f"{len(kept)}, wrongly numbered {len(wrong)}")
    assert pages >= 10
    assert not wrong, "\n".join(wrong)
    assert same >= pages // 2, "\n".join(kept)
