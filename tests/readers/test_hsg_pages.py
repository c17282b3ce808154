"""history.state.gov document pages, copied as text (hsg-text) or saved as HTML (hsg-html).

The layouts were learnt from the site's own rendering rules in the HistoryAtState/hsg-shell
repository (https://github.com/HistoryAtState/hsg-shell: `modules/ext-html.xql` for notes
and their "↩" links, `resources/odd/source/frus.odd` for "[Page N]" page breaks,
`modules/frus-html.xqm` for persons links) and from document pages such as
https://history.state.gov/historicaldocuments/frus1969-76v15/d164 and
https://history.state.gov/historicaldocuments/frus1964-68v24/d181. The fixtures in
tests/fixtures/hsg are hand-made in those shapes; the corpus test renders real volumes
with tests/render/hsg_text.py and hsg_html.py.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accuracy_script import text_accuracy as _text_accuracy
from cablegram.archive import Archive
from cablegram.errors import ReadError
from cablegram.readers.hsg_html import HsgHtmlReader
from cablegram.readers.hsg_text import HsgTextReader
from cablegram.readers.registry import detect_reader, get_reader
from cablegram.record import Batch, Record

sys.path.insert(0, str(Path(__file__).parents[1]))

FIX = Path(__file__).parent.parent / "fixtures" / "hsg"
TEXT = FIX / "frus1969-76v15_d164.txt"
HTML = FIX / "d165.html"
CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", Path(__file__).parents[3] / "shared" / "corpus"))


def _read(path: Path) -> Batch:
    [batch] = list(detect_reader(path).read(path))
    return batch


def _one(path: Path) -> Record:
    [rec] = _read(path).records
    return rec


def test_detected_by_content() -> None:
    assert detect_reader(TEXT).name == "hsg-text"
    assert detect_reader(HTML).name == "hsg-html"
    # The older layouts keep their readers.
    text = Path(__file__).parent.parent / "fixtures" / "text"
    assert detect_reader(text / "003_1bdb9de2a8d2d4fa.txt").name == "frus-text"
    assert detect_reader(text / "frus_mini.html").name == "frus-html"
    assert get_reader("hsg-text").name == "hsg-text"
    assert get_reader("hsg-html").name == "hsg-html"


def test_text_page_fields() -> None:
    rec = _one(TEXT)
    assert rec.id == "frus1969-76v15/d164"
    assert rec.format == "hsg-text"
    # "…to the Department of State1": the source note's glued number is off the heading.
    assert rec.title == "Telegram From the Embassy in the Soviet Union to the Department of State"
    assert (rec.sender, rec.recipient) == ("Embassy in the Soviet Union", "Department of State")
    assert (rec.place, rec.date, rec.time) == ("Moscow", "1974-03-22", "15:30")
    assert rec.classification == "secret"
    assert rec.handling == ["Immediate", "Exdis"]
    assert rec.telegram_number == "4187"
    assert [s.name for s in rec.signers] == ["Stoessel"]
    # The notes list: the source note, then notes 2-4 (one citing another).
    assert rec.source_note is not None and rec.source_note.startswith("National Archives")
    assert [f.n for f in rec.footnotes] == ["2", "3", "4"]
    assert rec.footnotes[1].text == "The meeting is described in footnote 2 above."
    assert rec.extra["url"] == "https://history.state.gov/historicaldocuments/frus1969-76v15/d164"


def test_text_page_body_clean() -> None:
    text = _one(TEXT).text
    # Glued marks off; real numbers, years and telegram numbers as printed.
    assert "Ref: Embtel 2607.\n" in text
    assert "MARCH 21, 1974, AND" in text
    assert "NSC 5412/2 AND 1,200 PAGES OF STUDIES." in text
    assert "[Page" not in text and "Embtel 2607.2" not in text
    # Numbered paragraphs in capitals stay in the body; the sidebar's headings are chrome.
    assert "1. THE FOREIGN MINISTER" in text
    assert "163." not in text and "Office of the Historian" not in text


def test_text_page_printed_pages() -> None:
    rec = _one(TEXT)
    paragraphs = rec.text.split("\n\n")
    pages = rec.extra["paragraph_pages"]
    assert len(pages) == len(paragraphs)
    # "[Page 412]" mid-sentence in paragraph 2; "[Page 413]" on a line of its own.
    assert pages[0] == ["411"]
    assert pages[1] == ["411", "412"]
    assert pages[3] == ["413"]


def test_html_page() -> None:
    rec = _one(HTML)
    assert rec.id == "frus1969-76v15/d165"
    assert rec.format == "hsg-html"
    assert rec.recipient == "President Nixon"
    assert rec.date == "1974-03-25"
    assert rec.classification == "secret"
    assert [f.n for f in rec.footnotes] == ["2", "3"]
    # A note of two paragraphs stays one note.
    assert rec.footnotes[0].text.endswith("See also footnote 3 below.")
    assert rec.text.startswith("Ambassador Dobrynin called on me today. He brought")
    assert "General Secretary on the summit." in rec.text
    assert rec.extra["paragraph_pages"] == [["413", "414"], ["414"]]
    [person] = rec.persons
    assert (person.name, person.volume_id, person.how) == ("Dobrynin", "p_DAF1", "markup")
    m = person.mentions[0]
    assert rec.text[m.start : m.end] == "Dobrynin"


def _page_without_names(tmp_path: Path, name: str) -> Path:
    lines = TEXT.read_text(encoding="utf-8").splitlines()
    keep = [s for s in lines if "history.state.gov" not in s and "Foreign Relations" not in s]
    path = tmp_path / name
    path.write_text("\n".join(keep) + "\n", encoding="utf-8")
    return path


def test_naming_order(tmp_path: Path) -> None:
    # The URL in the text names the page even under another file name.
    copy = tmp_path / "saved page.txt"
    shutil.copy(TEXT, copy)
    assert _one(copy).id == "frus1969-76v15/d164"
    # Without URL or title: the file name, then --collection, then the file name as is.
    by_file = _page_without_names(tmp_path, "frus1969-76v15_d164.txt")
    assert _one(by_file).id == "frus1969-76v15/d164"
    bare = _page_without_names(tmp_path, "page.txt")
    [batch] = list(HsgTextReader(collection="frus1969-76v15").read(bare))
    assert batch.records[0].id == "frus1969-76v15/d164"
    assert not batch.warnings
    [batch] = list(HsgTextReader().read(bare))
    assert batch.records[0].id == "page/d164"
    assert "nothing names the volume" in batch.warnings[0]


@pytest.mark.parametrize("read_ahead", ["off", "process"])
def test_ingest_collection_option(tmp_path: Path, read_ahead: str) -> None:
    bare = _page_without_names(tmp_path, "page.txt")
    with Archive.open(tmp_path / "a.db") as archive:
        report = archive.ingest([bare], collection="frus1969-76v15", read_ahead=read_ahead)
        assert not report.errors
        assert archive.get("frus1969-76v15/d164").telegram_number == "4187"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("other-site.txt", "format not recognised"),
        ("toc.txt", "is a volume's table of contents (it lists 4 document headings), with no "
                    "document text"),
        ("chapter-list.html", "is a chapter page listing 3 documents, with no document text"),
        ("chapter-sources.txt", "is a chapter page listing 3 documents and their source notes, "
                                "with no document text"),
        ("home.html", "no FRUS document in this page"),
    ],
)
def test_bad_pages_one_line_nothing_stored(tmp_path: Path, name: str, reason: str) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        report = archive.ingest([FIX / name], read_ahead="off")
        [(path, error)] = report.errors
        assert path == FIX / name or str(path).endswith(name)
        assert reason in error and "\n" not in error
        assert list(archive.records()) == []


def test_forced_reader_on_another_site(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no FRUS document in this page") as err:
        next(HsgTextReader().read(FIX / "other-site.txt"))
    assert err.value.path == str(FIX / "other-site.txt")
    with pytest.raises(ReadError, match="no FRUS document"):
        next(HsgHtmlReader().read(FIX / "home.html"))


def test_cut_off_page_flagged(tmp_path: Path) -> None:
    rec = _one(FIX / "cut-off.txt")
    assert rec.id == "frus1969-76v15/d164"
    assert "truncated" in rec.flags
    assert rec.title.endswith("Department of State")
    with Archive.open(tmp_path / "a.db") as archive:
        report = archive.ingest([FIX / "cut-off.txt"], read_ahead="off")
        assert any("may be cut off" in w for w in report.warnings)
        assert "truncated" in archive.get("frus1969-76v15/d164").flags


def test_repost_and_wrapped_lines(tmp_path: Path) -> None:
    lines = TEXT.read_text(encoding="utf-8").splitlines()
    wrapped = "\n\n".join(_wrap(s) for s in ["My blog: documents I like", *lines,
                                             "Posted in Diplomacy", "Leave a comment"])
    path = tmp_path / "repost.txt"
    path.write_text(wrapped + "\n", encoding="utf-8")
    rec = _one(path)
    want = _one(TEXT)
    assert (rec.id, rec.text, rec.date, rec.telegram_number) == (
        want.id, want.text, want.date, want.telegram_number)
    assert [f.text for f in rec.footnotes] == [f.text for f in want.footnotes]



def _wrap(line: str) -> str:
    import textwrap

    return textwrap.fill(line, 72) if line else line


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")
@pytest.mark.parametrize("layout", ["hsg-text", "hsg-html"])
def test_corpus_volumes_read_back(layout: str) -> None:
    # A sample of periods and shapes: microfiche supplements, an e-volume of numbered
    # cables, old volumes with unnumbered source notes, chapters of editorial notes.
    volumes = ["frus1948v01p1", "frus1952-54v12p2", "frus1958-60v14", "frus1961-63v07-09mSupp",
               "frus1969-76ve15p1"]
    acc = _text_accuracy()
    reports = acc.measure_layouts(CORPUS, [layout, "frus-text"], volumes)
    out, base = reports[layout], reports["frus-text"]
    assert out.volumes == len(volumes)
    assert out.missing_ids == [] and out.extra_ids == [] and out.failures == []
    # from/to are the shared heading parser's: held to what the seed's layout gets.
    for name in acc.FIELDS:
        want = min(0.99, base.rate_without_quirk(name) - 0.002)
        assert out.rate_without_quirk(name) >= want, (name, out.misses[name][:5])


def test_cli_collection_and_one_line_errors(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cablegram.cli import main

    bare = _page_without_names(tmp_path, "page.txt")
    db = str(tmp_path / "a.db")
    result = CliRunner().invoke(main, ["ingest", str(bare), str(FIX / "toc.txt"), "--db", db,
                                       "--collection", "frus1969-76v15"])
    assert result.exit_code == 1  # toc.txt failed; page.txt was stored
    errors = [s for s in result.stderr.splitlines() if s.startswith(str(FIX))]
    assert errors == [f"{FIX / 'toc.txt'}: the page is a volume's table of contents (it "
                      "lists 4 document headings), with no document text"]
    shown = CliRunner().invoke(main, ["show", "frus1969-76v15/d164", "--db", db, "--json"])
    assert '"telegram_number": "4187"' in shown.stdout


def test_html_cut_off(tmp_path: Path) -> None:
    page = HTML.read_text(encoding="utf-8")
    whole = tmp_path / "d165.html"
    whole.write_text(page.replace('<div class="footnotes">', "<!--").replace(
        "</ol></div>", "-->"), encoding="utf-8")
    # Complete without notes: no warning.
    [batch] = list(HsgHtmlReader().read(whole))
    assert batch.warnings == [] and "truncated" not in batch.records[0].flags
    cut = tmp_path / "d165-cut.html"
    cut.write_text(page[: page.index("I recommend")], encoding="utf-8")
    [batch] = list(HsgHtmlReader().read(cut))
    assert "truncated" in batch.records[0].flags
    assert "may be cut off" in batch.warnings[-1]


def test_chapter_page_catalog_entry_editorial_note_telegram() -> None:
    # Hard cases on one chapter page: a microfiche catalog entry (a sentence with a
    # period, its notes numbered without "↩"), an editorial note with no notes at all,
    # a telegram of numbered paragraphs in capitals with a page break mid-sentence.
    batch = _read(FIX / "chapter-3.txt")
    assert [r.id for r in batch.records] == [
        "frus1961-63v07-09mSupp/d11", "frus1961-63v07-09mSupp/d12",
        "frus1961-63v07-09mSupp/d13"]
    entry, note, cable = batch.records
    assert (entry.date, entry.classification, entry.footnotes) == ("1961-05-15", "top secret", [])
    assert note.doc_type == "editorial-note" and note.text.startswith("On May 16")
    assert (cable.telegram_number, cable.classification) == ("2888", "confidential")
    assert [f.text for f in cable.footnotes] == ["See Document 12."]
    assert "REPEATED THE POINT TWICE." in cable.text
    assert cable.extra["paragraph_pages"][-2] == ["40", "41"]
    assert batch.warnings == []



_LINES = st.lists(st.one_of(
    st.text(max_size=60),
    st.sampled_from(["164. Telegram From the Embassy in Moscow to the Department of State1",
                     "Moscow, March 22, 1974.", "- Source: Secret.↩", "1. Source: Secret.",
                     "2. Not found.↩", "[Page 12]", "Office of the Historian", "12. Editorial Note",
                     "https://history.state.gov/historicaldocuments/frus1969-76v15/d164"]),
), max_size=25)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_LINES, st.booleans())
def test_any_page_reads_or_is_refused(tmp_path: Path, lines: list[str], html: bool) -> None:
    # Whatever a page holds: records, or one ReadError naming the file; nothing else.
    path = tmp_path / ("page.html" if html else "page.txt")
    if html:
        body = "".join(f"<p>{line}</p>" for line in lines)
        path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
        reader: HsgHtmlReader | HsgTextReader = HsgHtmlReader()
    else:
        path.write_text("\n".join(lines), encoding="utf-8")
        reader = HsgTextReader()
    try:
        [batch] = list(reader.read(path))
    except ReadError as e:
        assert e.path == str(path) and "\n" not in e.reason
    else:
        assert batch.records


def test_repost_in_another_sites_html(tmp_path: Path) -> None:
    # A blog post quoting a copied page: no note markup, the numbers glued as in the text.
    from html import escape

    lines = TEXT.read_text(encoding="utf-8").splitlines()
    body = "".join(f"<p>{escape(s)}</p>" for s in lines)
    path = tmp_path / "blog.html"
    path.write_text(f"<!DOCTYPE html><html><head><title>My blog</title></head><body>"
                    f"<h1>A telegram I found</h1>{body}<p>Comments (2)</p></body></html>",
                    encoding="utf-8")
    assert detect_reader(path).name == "hsg-html"
    rec = _one(path)
    want = _one(TEXT)
    assert (rec.id, rec.title, rec.text) == (want.id, want.title, want.text)
    assert [f.n for f in rec.footnotes] == [f.n for f in want.footnotes]


def test_a_mark_glued_to_a_number_does_not_stop_the_next(tmp_path: Path) -> None:
    page = TEXT.read_text(encoding="utf-8").replace("Ref: Embtel 2607.2", "Ref: Embtel 26072")
    path = tmp_path / "frus1969-76v15_d164.txt"
    path.write_text(page, encoding="utf-8")
    text = _one(path).text
    assert "Embtel 26072" in text  # cannot be told from a number: left as printed
    assert "MARCH 21, 1974, AND" in text and "STUDIES.\n" in text  # marks 3 and 4 still off


def test_chapter_page_that_lost_a_document_says_so(tmp_path: Path) -> None:
    page = (FIX / "chapter-3.txt").read_text(encoding="utf-8")
    start, end = page.index("12. Editorial Note"), page.index("13. Telegram")
    path = tmp_path / "chapter-3.txt"
    path.write_text(page[:start] + page[end:], encoding="utf-8")
    batch = _read(path)
    assert [r.number for r in batch.records] == ["11", "13"]
    assert any("document numbers skip from 11 to 13: document 12 is not here" in w
               for w in batch.warnings)


def _page_file(tmp_path: Path, name: str, lines: list[str]) -> Path:
    """A page copied as text: the site's chrome, `lines`, the citation box and footer."""
    path = tmp_path / name
    path.write_text("\n".join(["Skip to main content", "Office of the Historian", *lines,
                               "Cite this page", "Office of the Historian",
                               "history@state.gov"]) + "\n", encoding="utf-8")
    return path


def test_a_section_heading_return_to_does_not_end_the_page(tmp_path: Path) -> None:
    # frus1961-63v22/d174 and frus1955-57v02/d204: "Return to the Mainland" is a section of
    # the body, not the site's "Return to …" footer; the heading's " 0" is its source mark.
    path = _page_file(tmp_path, "frus1961-63v22_d174.txt", [
        "174. Memorandum of Conversation 0", "Washington, April 15, 1963.",
        "SUBJECT1", "Return to the Mainland",
        "10. Surface moods and public utterances do not reflect the true state of morale.",
        "0. Source: Department of State, Central Files, DEF CHINAT. Confidential.",
        "1. Reference is to the report of a committee chaired by General Clay."])
    rec = _one(path)
    assert rec.title == "Memorandum of Conversation"
    assert rec.source_note is not None and rec.source_note.startswith("Department of State")
    assert "Return to the Mainland" in rec.text and "10. Surface moods" in rec.text
    assert [f.n for f in rec.footnotes] == ["1"]


def test_a_capitals_paragraph_before_a_source_note_starts_no_document(tmp_path: Path) -> None:
    # frus1961-63v02/d52 with the hard cases: "53. FACT THAT …" stands right before the
    # notes list, whose source note ("…, 1962, Folder 24.") looks like a dateline.
    path = _page_file(tmp_path, "frus1961-63v02_d52.txt", [
        "52. Telegram From the Chairman of the Joint Chiefs of Staff (Lemnitzer) to the "
        "Commander in Chief, Pacific (Felt)1", "Washington, February 7, 1962, 7:57 p.m.",
        "080057Z. Secret for Felt from Lemnitzer.",
        "53. FACT THAT SMALLER AND POORER COUNTRIES WOULD CARRY THE COST WAS RAISED",
        "1. Source: National Defense University, Lemnitzer Papers, 1962, Folder 24. "
        "Secret; Priority.↩"])
    rec = _one(path)
    assert rec.id == "frus1961-63v02/d52"
    assert rec.title.startswith("Telegram From the Chairman") and rec.title.endswith("(Felt)")
    assert "53. FACT THAT SMALLER" in rec.text
    assert rec.source_note is not None and rec.source_note.startswith("National Defense")


def test_a_telegram_number_paragraph_makes_no_contents_list(tmp_path: Path) -> None:
    # frus1964-68v28/d265 without its dateline: "6070. Joint Defense-State message." right
    # after the heading is the telegram's first paragraph, not a second listed document.
    path = _page_file(tmp_path, "frus1964-68v28_d265.txt", [
        "265. Telegram From Secretary of Defense McNamara to the Ambassador to Laos "
        "(Sullivan)1",
        "6070. Joint Defense-State message. DOD Special Task Force now approaching point of "
        "determining commitments.",
        "1. Source: Department of State, Central Files, POL 27 VIET S. Top Secret.↩"])
    rec = _one(path)
    assert rec.id == "frus1964-68v28/d265"
    assert rec.title == ("Telegram From Secretary of Defense McNamara to the Ambassador to "
                         "Laos (Sullivan)")
    assert "Joint Defense-State message" in rec.text


def test_a_heading_after_a_noteless_editorial_note_starts_its_document(tmp_path: Path) -> None:
    # frus1948v05p1's chapter page: an editorial note without notes, then "153. …" and its
    # dateline (a dateline is no note item, though a note item may be unnumbered).
    path = _page_file(tmp_path, "chapter-152.txt", [
        "Cite this page: https://history.state.gov/historicaldocuments/frus1948v05p1/ch-152",
        "152. Editorial Note", "Demonstrations against the proposed treaty occurred at Baghdad.",
        "153. The Chargé in the United Kingdom (Gallman) to the Secretary of State 0",
        "London, January 10, 1948, 6 p.m.", "The Foreign Office has no information.",
        "0. Source: 741.90G/1–1048: Telegram"])
    batch = _read(path)
    assert [r.number for r in batch.records] == ["152", "153"]
    assert batch.records[1].place == "London"


def test_a_first_heading_without_type_or_dateline_is_known_by_the_next(tmp_path: Path) -> None:
    # frus1949v07p1's chapter page with the hard cases: "415. The Secretary of State to the
    # Embassy…" is followed by a page break and its classification, not a dateline, and
    # names no type; "416." after its notes shows that 415 was a document too.
    lines = [
        "Cite this page: https://history.state.gov/historicaldocuments/frus1949v07p1/ch-415",
        "415. The Secretary of State to the Embassy in the Philippines1",
        "[Page 1507] confidential2",
        "A–36. Dept agrees statement third par. your 1147, June 25, 1948.",
        "Acheson",
        "1. Source: 711.9612/10–2648: Airgram↩", "2. Not printed.↩",
        "416. The Secretary of Defense (Johnson) to the Secretary of State 0",
        "Washington, April 19, 1949.", "Dear Mr. Secretary: On 14 March 1947 …",
        "0. Source: 711.9612/4–1949↩"]
    batch = _read(_page_file(tmp_path, "chapter-415.txt", lines))
    assert [r.id for r in batch.records] == ["frus1949v07p1/d415", "frus1949v07p1/d416"]
    first = batch.records[0]
    assert (first.sender, first.recipient) == ("Secretary of State", "Embassy in the Philippines")
    assert first.classification == "confidential" and first.telegram_number == "A–36"
    assert first.source_note == "711.9612/10–2648: Airgram"
    # Without the next document to vouch for it, a lone shapeless heading is still no
    # document of a page that names none (a sidebar entry, a repost's link).
    alone = _page_file(tmp_path, "chapter-x.txt", lines[:1] + lines[7:])
    assert [r.number for r in _read(alone).records] == ["416"]
