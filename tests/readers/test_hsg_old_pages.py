"""Pages of the older volumes (1861–1945) saved from history.state.gov: a file-number line,
a heading without its number, the dateline, the body, the notes (issue 14).

The shape was learnt from real pages of several volumes and eras:
https://history.state.gov/historicaldocuments/frus1941v04/d552 (a telegram whose body opens
"5749. For the Former Naval Person"),
https://history.state.gov/historicaldocuments/frus1939v01/d618,
https://history.state.gov/historicaldocuments/frus1940v02/d502 (a mark glued to the heading),
https://history.state.gov/historicaldocuments/frus1943v03/d428,
https://history.state.gov/historicaldocuments/frus1942v03/d510 (a lot-file line and notes
listed "- …↩"), https://history.state.gov/historicaldocuments/frus1919Parisv11/d198 and
https://history.state.gov/historicaldocuments/frus1919Parisv02/d60 ("Paris Peace Conf.
763.72/9: Telegram"). hsg-shell renders the TEI's inline source note as a paragraph of its
own (`resources/odd/source/frus.odd`, HistoryAtState/hsg-shell). The fixture is a corpus
document (frus1948v05p1 d153, public domain) hand-written in that shape; the corpus test
renders more with tests/render/_hsg_old.py.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from cablegram.archive import Archive
from cablegram.errors import ReadError
from cablegram.readers.hsg_text import HsgTextReader
from cablegram.readers.registry import detect_reader
from cablegram.readers.tei import TeiReader
from cablegram.record import Batch, Record

FIX = Path(__file__).parent.parent / "fixtures" / "hsg" / "frus1948v05p1_d153.txt"
CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", Path(__file__).parents[3] / "shared" / "corpus"))
LINES = FIX.read_text(encoding="utf-8").splitlines()
FILE_LINE, HEADING = "741.90G/1–1048: Telegram", (
    "The Chargé in the United Kingdom (Gallman) to the Secretary of State")
CHROME_BEFORE, CHROME_AFTER = LINES[:4], LINES[-3:]
DATELINE = "London, January 10, 1948—6 p.m."
NOTES = LINES[LINES.index("Gallman") + 1 : -3]


def _read(path: Path, collection: str | None = None) -> Batch:
    [batch] = list(detect_reader(path, collection).read(path))
    return batch


def _page(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _body() -> list[str]:
    start = LINES.index(DATELINE) + 1
    return LINES[start : LINES.index(NOTES[0])]


def _check(rec: Record, *, dateline: bool = True) -> None:
    assert rec.id == "frus1948v05p1/d153" and rec.number == "153"
    assert rec.title == HEADING
    assert (rec.sender, rec.recipient) == ("Chargé in the United Kingdom (Gallman)",
                                           "Secretary of State")
    # The file line is the document's source note, as the TEI keeps it.
    assert rec.source_note == FILE_LINE and rec.source.file == "741.90G/1–1048"
    assert (rec.classification, rec.telegram_number) == ("secret", "97")
    if dateline:
        assert (rec.place, rec.date, rec.time) == ("London", "1948-01-10", "18:00")
    # "97. 1. According Wright…" is the telegram's first paragraph, not a heading.
    assert rec.text.count("\n\n97. 1. According Wright who asked") == 1
    assert [f.n for f in rec.footnotes] == ["1", "2", "3", "4"]
    assert rec.footnotes[2].text == "Abdul Aziz ibn Saud, King of Saudi Arabia."
    assert "[Page" not in rec.text and "Wright1" not in rec.text
    assert "truncated" not in rec.flags


def test_the_fixture_reads_as_the_tei_would() -> None:
    assert detect_reader(FIX).name == "hsg-text"
    batch = _read(FIX)
    assert batch.warnings == []
    [rec] = batch.records
    _check(rec)
    assert rec.extra["paragraph_pages"][2] == ["202", "203"]  # "[Page 203]" mid-sentence


@pytest.mark.parametrize("file_after", [False, True])
@pytest.mark.parametrize("dateline", [True, False])
@pytest.mark.parametrize("arrows", [False, True])
@pytest.mark.parametrize("chrome", [True, False])
def test_every_shape_reads(tmp_path: Path, file_after: bool, dateline: bool, arrows: bool,
                           chrome: bool) -> None:
    head = [HEADING, FILE_LINE] if file_after else [FILE_LINE, HEADING]
    notes = [f"- {n[3:]}↩" for n in NOTES] if arrows else NOTES
    lines = [*head, *([DATELINE] if dateline else []), *_body(), *notes]
    if chrome:
        lines = [*CHROME_BEFORE, *lines, *CHROME_AFTER]
    path = _page(tmp_path, "frus1948v05p1_d153.txt", lines)
    assert detect_reader(path).name == "hsg-text"  # bare, by its file line and heading
    batch = _read(path)
    [rec] = batch.records
    _check(rec, dateline=dateline)
    if not dateline:
        assert rec.date is None


def test_named_by_the_url_in_the_page(tmp_path: Path) -> None:
    url = "Cite this page: https://history.state.gov/historicaldocuments/frus1948v05p1/d153"
    path = _page(tmp_path, "saved page.txt", [*LINES[:-3], url, *LINES[-2:]])
    _check(_read(path).records[0])


def test_named_by_file_name_and_collection_option(tmp_path: Path) -> None:
    path = _page(tmp_path, "d153.txt", LINES)
    batch = _read(path, collection="frus1948v05p1")
    _check(batch.records[0])
    assert not batch.warnings


def test_a_page_that_names_no_number_is_refused_in_one_line(tmp_path: Path) -> None:
    path = _page(tmp_path, "saved.txt", LINES)
    with pytest.raises(ReadError) as err:
        next(HsgTextReader("frus1948v05p1").read(path))
    assert err.value.path == str(path) and "\n" not in err.value.reason
    assert "heading has no number" in err.value.reason and "file name" in err.value.reason
    with Archive.open(tmp_path / "a.db") as archive:
        report = archive.ingest([path], read_ahead="off")
        [(_, error)] = report.errors
        assert "heading has no number" in error
        assert list(archive.records()) == []


def test_a_telegram_number_paragraph_is_no_heading_even_when_it_could_be(tmp_path: Path) -> None:
    # The body opens with the telegram's number, which could pass for a document's.
    lines = [ln.replace("97. 1. According", "152. 1. According") for ln in LINES]
    [rec] = _read(_page(tmp_path, "frus1948v05p1_d153.txt", lines)).records
    assert rec.number == "153" and rec.telegram_number == "152"


def _mark(m: re.Match[str]) -> str:
    return f'<a class="note" rel="footnote" href="#fn:{m[1]}">{m[1]}</a>'


def test_the_html_page(tmp_path: Path) -> None:
    marks = re.compile(r"(?<=ight|oon\.|Saud|isal)(\d)")
    paras = "".join(f'<p class="tei-p">{marks.sub(_mark, ln)}</p>' for ln in _body())
    notes = "".join(f'<li class="footnote" value="{n[0]}"><span class="fn-content">{n[3:]}'
                    '</span><a class="fn-back">↩</a></li>' for n in NOTES)
    page = ('<!DOCTYPE html><html><head><link rel="canonical" href="https://history.state.gov/'
            'historicaldocuments/frus1948v05p1/d153"></head><body><header>Office of the '
            f'Historian</header><main><p class="tei-note">{FILE_LINE}</p><h3>{HEADING}</h3>'
            f'<div class="tei-dateline">{DATELINE}</div>{paras}<ol>{notes}</ol></main>'
            "<footer>history@state.gov</footer></body></html>")
    path = tmp_path / "saved.html"
    path.write_text(page, encoding="utf-8")
    assert detect_reader(path).name == "hsg-html"
    [rec] = _read(path).records
    _check(rec)


# Volumes whose TEI keeps the file line as an inline source note, as the older ones print.
_OLD_STYLE = ("frus1948v05p1", "frus1949v07p1", "frus1948v01p1")
_FIELDS = ("title", "sender", "recipient", "date", "time", "place", "classification",
           "telegram_number", "source_note")


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "frus").is_dir(), reason=f"no corpus at {CORPUS}")
def test_corpus_documents_in_the_older_shape(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1]))
    from cablegram.fields.file_line import parse_file_line
    from render._hsg_old import Shape, html_page, text_page

    shapes = [Shape(a, b, c, d) for a in (False, True) for b in (True, False)
              for c in (False, True) for d in (True, False)]
    total = agree = pages = 0
    problems: list[str] = []
    notes_off: list[str] = []
    for vol in _OLD_STYLE:
        [tei, *_] = list(TeiReader().read(CORPUS / "frus" / f"{vol}.xml.gz"))
        old = [r for r in tei.records if r.source_note and parse_file_line(r.source_note)
               and r.title and r.text]
        assert len(old) > 50, vol
        for k, rec in enumerate(old[:60]):
            shape = shapes[k % len(shapes)]
            name = rec.id.rsplit("/", 1)[-1]
            html = k % 2 == 1
            content = html_page(tei.collection, rec, shape) if html else text_page(
                tei.collection, rec, shape)
            path = tmp_path / (f"{name}.html" if html else f"{vol}_{name}.txt")
            path.write_text(content, encoding="utf-8")
            try:
                [got] = _read(path).records
            except (ReadError, ValueError) as e:
                problems.append(f"{rec.id} {shape}: {e}")
                continue
            for field in _FIELDS:
                if field in ("date", "time", "place") and not shape.dateline:
                    continue
                total += 1
                want, have = getattr(rec, field), getattr(got, field)
                if want == have:
                    agree += 1
                else:
                    problems.append(f"{rec.id} {field}: {want!r} != {have!r} ({shape})")
            pages += 1
            if got.id != rec.id:
                problems.append(f"{rec.id}: read as {got.id} ({shape})")
            if len(got.footnotes) != len(rec.footnotes):
                # A numbered list without "↩" is told from numbered paragraphs by the marks
                # glued in the text; some ("NE2", "24.3") cannot be told from the text.
                notes_off.append(f"{rec.id}: {len(got.footnotes)} notes for "
                                 f"{len(rec.footnotes)} ({'html' if html else shape})")
                if html or shape.arrows:
                    problems.append(notes_off[-1])
    print(f"older shape: {pages} pages, fields {agree}/{total}, note counts off {len(notes_off)}")
    assert agree / total >= 0.99, "\n".join(problems[:20])
    assert len(notes_off) <= pages // 50, "\n".join(notes_off)
    assert not [p for p in problems if "read as" in p or "notes for" in p or "Shape(" in
                p.split(": ")[0]], "\n".join(problems[:20])


def test_numbered_notes_over_paragraphs_with_marks_not_seen(tmp_path: Path) -> None:
    # An older volume's list "1. … 2. … 3. … 4." without "↩": a note runs over two
    # paragraphs, and only one mark can be told from the text ("NE2", "24.3" cannot).
    body = [ln.replace("afternoon.2", "afternoon.").replace("Saud3", "Saud")
            .replace("Feisal4", "Feisal") for ln in _body()]
    notes = [*NOTES[:2], "A second paragraph of the second note.", *NOTES[2:]]
    [rec] = _read(_page(tmp_path, "frus1948v05p1_d153.txt",
                        [*CHROME_BEFORE, FILE_LINE, HEADING, DATELINE, *body, *notes,
                         *CHROME_AFTER])).records
    assert [f.n for f in rec.footnotes] == ["1", "2", "3", "4"]
    assert rec.footnotes[1].text.endswith("\n\nA second paragraph of the second note.")
    assert rec.text.endswith("Gallman")
