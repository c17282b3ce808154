"""Notes lists without "↩": the notes told from the numbered paragraphs a note quotes.

Learnt from pages copied from history.state.gov: frus1948v01p1 d188
(https://history.state.gov/historicaldocuments/frus1948v01p1/d188: note 3 quotes the
Commission's plan of work, "“1. Consider …" inline, then "2." to "6." as paragraphs of
their own, and notes 4 and 5 follow); https://history.state.gov/historicaldocuments/frus1950v07/d63
(a note's second paragraph copied indented deeper than the list's items);
https://history.state.gov/historicaldocuments/frus1951v03p1/d84 and
https://history.state.gov/historicaldocuments/frus1948v01p1/d192 (indented lists
"  1. Not printed." after a body of numbered paragraphs). Later volumes open each quoted
paragraph with a quotation mark ("“2. Do not …", frus1955-57v03 d20 in the corpus).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.fields.note_list import (
    ListParagraph,
    NoteListError,
    list_paragraph,
    note_starts,
    split_notes,
)

# frus1948v01p1 d188's notes as a page copied without "↩" prints them (public domain).
D188 = [
    "2. On January 10, 1948, Frederick H. Osborn … was appointed by President Truman …",
    "3. For text of the resolution … It read as follows: “1. Consider and make "
    "recommendations to the Security Council concerning armaments and armed forces …",
    "2. Consideration and determination of general principles …",
    "3. Consideration of practical and effective safeguards …",
    "4. Formulate practical proposals for the regulation and reduction of armaments …",
    "5. Extension of the principles and proposals set forth in paragraphs 2, 3, and 4 …",
    "6. Submission of a report or reports to the Security Council …”",
    "On July 16, the CCA established a Working Committee of the whole …",
    "The records of the Commission for Conventional Armaments have not been published …",
    "4. The Executive Committee on Regulation of Armaments (RAC) was established …",
    "5. Reference is to the draft resolution contained in document RAC D–13/12c …",
]


def _paras(texts: list[str]) -> list[ListParagraph]:
    return [list_paragraph(t) for t in texts]


def test_a_note_quoting_a_plan_of_work_keeps_the_notes_after_it() -> None:
    assert note_starts(_paras(D188), {2, 3, 4, 5}) == [0, 1, 9, 10]
    # The marks are not needed here: the restart below note 3 tells.
    assert note_starts(_paras(D188)) == [0, 1, 9, 10]


def test_the_same_list_counted_from_one_by_the_browser() -> None:
    counted = [f"{int(t[0]) - 1}{t[1:]}" if i in (0, 1, 9, 10) else t
               for i, t in enumerate(D188)]
    assert note_starts(_paras(counted)) == [0, 1, 9, 10]


def test_quoted_paragraphs_of_a_later_volume() -> None:
    # frus1955-57v03 d20: note 2 quotes a telegram's paragraphs, each opening with "“".
    texts = ["1. Source: Department of State, Central Files, 751G.00/1–1255. Secret.",
             "2. In telegram 2638 the Embassy reported: “1. Diem told me …",
             "“2. Do not see any …", "“3. Believe that …", "“4. Believe that …",
             "3. Not printed.", "4. See Document 12.", "5. Not printed."]
    assert note_starts(_paras(texts), {1, 2, 3, 4, 5}) == [0, 1, 5, 6, 7]


def test_a_quoted_run_ends_at_an_unquoted_note() -> None:
    # frus1955-57v04 d122: "“2. Brussels 390 …" inside note 2, then note 3 ("3." after a
    # quoted "2." is the next note, not the quotation's next paragraph).
    texts = ["1. Source: Department of State, Central Files, 840.1901/10–1755. Secret.",
             "2. In Tosec 7 to Paris the Department transmitted a draft of this message.",
             "“2. Brussels 390 received today also being repeated to you.",
             "3. Neither printed, but see footnote 2, supra."]
    assert note_starts(_paras(texts), {1, 2}) == [0, 1, 3]


def test_indented_paragraphs_belong_to_the_note_above() -> None:
    texts = ["1. Not printed.", "2. The Department's instruction read:", "    1. Proceed",
             "    2. Report", "    3. Await", "3. Not printed."]
    paras = [list_paragraph(t.strip(), len(t) - len(t.lstrip())) for t in texts]
    assert [p.quoted for p in paras] == [False, False, True, True, True, False]
    assert note_starts(paras, {1, 2, 3}) == [0, 1, 5]


def test_an_unquoted_run_restarting_at_one() -> None:
    # frus1948v01p1 d240: note 1 quotes a Soviet draft's "1. To continue …", "2. To prepare …".
    texts = ["1. At the 147th Meeting … submitted a draft resolution which read as follows:",
             "Recommends to the Security Council and the Atomic Energy Commission:",
             "1. To continue their activity …", "2. To prepare a draft convention …",
             "For the record of the 147th Meeting, see GA (III/1), First Committee.",
             "2. Reference is to A/C.1/309.", "3. For information regarding this draft …"]
    assert note_starts(_paras(texts), {1, 2, 3}) == [0, 5, 6]


def test_a_repeated_note_number_stays_a_note() -> None:
    # frus1951v07p2 d128 prints note 1 twice ("1. Not printed." "1. Not printed.").
    texts = ["0. Source: 794A.5/7–651", "1. Not printed.", "1. Not printed.",
             "2. The relevant paragraphs read as follows:", "“9. The present supply …",
             "“10. There is …", "3. Not printed."]
    assert note_starts(_paras(texts), {1, 2, 3}) == [0, 1, 2, 3, 6]


def test_a_note_numbered_one_after_the_source_note_zero() -> None:
    texts = ["0. Source: Department of State, S/S–NSC Files. Top Secret.",
             "1. NSC 5803 is printed as Document 243.", "2. For the Directive …",
             "3. The annex reads as follows:", "“1. Encourage …", "“2. Avoid …"]
    assert note_starts(_paras(texts), {2, 3}) == [0, 1, 2, 3]


def test_paragraph_shapes() -> None:
    assert list_paragraph("“12. Text") == ListParagraph(12, True, False)
    assert list_paragraph("Text without a number") == ListParagraph(None, False, False)
    assert list_paragraph("3. It read: “1. Consider") == ListParagraph(3, False, True)
    assert list_paragraph("3. Paragraphs 1. and 2. above") == ListParagraph(3, False, False)


def test_a_list_must_open_with_a_number() -> None:
    with pytest.raises(NoteListError):
        note_starts([])
    with pytest.raises(NoteListError):
        note_starts([ListParagraph(None)])


_para = st.builds(ListParagraph, st.one_of(st.none(), st.integers(0, 40)), st.booleans(),
                  st.booleans())


@given(st.integers(0, 40), st.lists(_para, max_size=40),
       st.one_of(st.none(), st.sets(st.integers(0, 60), max_size=20)))
def test_any_list_gives_rising_notes(first: int, rest: list[ListParagraph],
                                     marks: set[int] | None) -> None:
    paras = [ListParagraph(first), *rest]
    split = split_notes(paras, marks)
    assert split.starts[0] == 0 and split.cost >= 0
    assert split.starts == sorted(set(split.starts))
    numbers = [n for i in split.starts if (n := paras[i].n) is not None]
    assert len(numbers) == len(split.starts)
    assert numbers == sorted(numbers)


@given(st.text(max_size=80), st.integers(0, 12), st.integers(0, 12))
def test_any_text_is_a_paragraph(text: str, indent: int, list_indent: int) -> None:
    p = list_paragraph(text, indent, list_indent)
    assert p.n is None or 0 <= p.n <= 999
    assert not (indent > list_indent) or p.quoted


@st.composite
def _notes_with_a_quotation(draw: st.DrawFn) -> tuple[list[ListParagraph], list[int], int]:
    """Notes k, k+1, … (each one or more paragraphs); one of them quotes paragraphs
    numbered from 1, unquoted (inline "“1." or a "1." of their own) or each quoted."""
    first = draw(st.integers(1, 20))
    count = draw(st.integers(2, 8))
    host = draw(st.integers(0, count - 1))
    style = draw(st.sampled_from(["inline", "restart", "quoted"]))
    # A lone unquoted "1." after note 1 cannot be told from note 1 printed twice (a repeat
    # wins, `test_a_repeated_note_number_stays_a_note`): a restarted run has two or more.
    inner = draw(st.integers(2 if style == "restart" else 1, 8))
    paras: list[ListParagraph] = []
    starts: list[int] = []
    for k in range(count):
        starts.append(len(paras))
        opens = k == host and style == "inline"
        paras.append(ListParagraph(first + k, False, opens))
        paras += [ListParagraph(None)] * draw(st.integers(0, 2))
        if k == host:
            numbers = range(2, inner + 2) if style == "inline" else range(1, inner + 1)
            paras += [ListParagraph(n, style == "quoted") for n in numbers]
            paras += [ListParagraph(None)] * draw(st.integers(0, 2))
    return paras, starts, first


@given(_notes_with_a_quotation())
def test_a_quotation_inside_a_note_leaves_the_notes_as_they_are(
        case: tuple[list[ListParagraph], list[int], int]) -> None:
    paras, starts, first = case
    marks = set(range(first, first + len(starts)))
    assert note_starts(paras, marks) == starts
