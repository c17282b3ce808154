"""Headings are known by shape and place: a numbered body paragraph never starts a document,
and every skip in the numbers the splitter produced is a warning with its line (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cablegram.readers.text import TextReader
from cablegram.record import Batch

TITLE = (
    "FOREIGN RELATIONS OF THE UNITED STATES\n1964-1968\nVolume XXXIII\n"
    "Organization and Management of Foreign Policy; United Nations\n\n"
)


def _doc(n: int, day: int, body: str = "The delegation reported at length.") -> str:
    return (f"{n}. Telegram From the Mission to the United Nations to the Department of State"
            f"\n\nNew York, December {day}, 1966, 9 p.m.\n\n"
            f"//Source: Department of State, Central Files, UN 3. Confidential.\n\n"
            f"{4960 + n}. {body}\n\nGoldberg\n\n")


def _cable_in_capitals(fact_at: int, last: int) -> str:
    """Document 8: a cable whose numbered paragraphs run in capitals to `last`; paragraph
    `fact_at` ("FACT THAT SMALLER AND POORER COUNTRIES …") is followed by a quoted dateline."""
    out = [_doc(8, 1).split("\n\nGoldberg")[0]]
    for k in range(1, last + 1):
        if k == fact_at:
            out.append(f"{k}. FACT THAT SMALLER AND POORER COUNTRIES WOULD CARRY THE COST "
                       "WAS RAISED BY SEVERAL SPEAKERS, WHO QUOTED THE LETTER OF")
            out.append("Geneva, November 30, 1966.")
        else:
            out.append(f"{k}. DELEGATES OF SEVERAL COUNTRIES SPOKE ON ITEM {k} AND ASKED FOR "
                       "MORE TIME TO CONSULT THEIR GOVERNMENTS.")
    return "\n\n".join(out) + "\n\nGoldberg\n\n"


def _read(tmp_path: Path, text: str) -> Batch:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return next(TextReader().read(path))


@pytest.mark.parametrize(("fact_at", "last"), [(9, 12), (18, 18)])
def test_numbered_paragraphs_in_capitals_never_start_a_document(
        tmp_path: Path, fact_at: int, last: int) -> None:
    """The failure of issue 14: "9. FACT THAT …" taken for document 9, and the real
    "9. Telegram 4973 …" and the documents after it lost without a word."""
    text = TITLE + _doc(7, 1) + _cable_in_capitals(fact_at, last)
    text += "9. Telegram 4973 From the Mission to the United Nations to the Department of State"
    text += "\n\nNew York, December 2, 1966, 1 p.m.\n\n//Source: Central Files. Secret.\n\n"
    text += "4973. Subject: budget.\n\nGoldberg\n\n"
    text += "".join(_doc(n, 2) for n in range(10, 21))
    batch = _read(tmp_path, text)
    assert [r.number for r in batch.records] == [str(n) for n in range(7, 21)]
    nine = batch.records[2]
    assert nine.title.startswith("Telegram 4973") and nine.telegram_number == "4973"
    assert f"{fact_at}. FACT THAT SMALLER AND POORER COUNTRIES" in batch.records[1].text
    assert not any("skip" in w for w in batch.warnings)


def test_a_numbered_paragraph_that_names_a_document_is_kept_and_warned(tmp_path: Path) -> None:
    """Shapes disagree: "3. Then the Secretary handed over the Note …" names a document and
    follows document 2, but goes on with the body's "2. …": kept as text, with a warning that
    names its line."""
    body = ("Following are the points.\n\n1. First point.\n\n2. Second point.\n\n"
            "3. Then the Secretary handed over the Note to the Ambassador")
    text = TITLE + _doc(2, 1, body) + _doc(3, 2)
    batch = _read(tmp_path, text)
    assert [r.number for r in batch.records] == ["2", "3"]
    assert "3. Then the Secretary handed over the Note" in batch.records[0].text
    [doubt] = [w for w in batch.warnings if "numbered paragraphs" in w]
    assert doubt.startswith("line ") and "kept as text" in doubt


def test_a_heading_that_opens_with_its_type_ends_a_numbered_body(tmp_path: Path) -> None:
    """A report whose paragraphs run to 129, then "130. Operations Plan Prepared by …" with
    no dateline and no source note: its number and its shape say it is a heading."""
    body = "\n\n".join(f"{k}. The Board noted item {k}." for k in range(1, 130))
    text = TITLE + _doc(129, 1, body)
    text += "130. Operations Plan Prepared by the Operations Coordinating Board\n\n"
    text += "OPERATIONS PLAN FOR THE WEST INDIES\n\n1. Objectives of the plan.\n\n"
    batch = _read(tmp_path, text)
    assert [r.number for r in batch.records] == ["129", "130"]
    assert not batch.warnings


def test_every_skip_in_the_numbers_is_warned_with_its_line(tmp_path: Path) -> None:
    text = TITLE + _doc(1, 1) + _doc(2, 1) + _doc(6, 2) + _doc(7, 3)
    batch = _read(tmp_path, text)
    assert [r.number for r in batch.records] == ["1", "2", "6", "7"]
    [skip] = [w for w in batch.warnings if "skip" in w]
    assert "from 2 to 6" in skip and "documents 3-5 are not here" in skip
    assert skip.startswith("line ")


@pytest.mark.parametrize("body", [
    "997. Ref Embtel 1070 gave the text\n\nMoscow, May 2, 1964.",  # a telegram's opening
    "Ref Embtel 1070.\n\n997. Ref Embtel 1070 gave the text\n\nMoscow, May 2, 1964.",
])
def test_a_far_number_must_name_a_document(tmp_path: Path, body: str) -> None:
    """A telegram number before a quoted letter's dateline is no heading, however far."""
    doc = _doc(1, 1).replace("4961. The delegation reported at length.", body)
    batch = _read(tmp_path, TITLE + doc + _doc(2, 2))
    assert [r.number for r in batch.records] == ["1", "2"]
    assert "997. Ref Embtel 1070 gave the text" in batch.records[0].text


def test_a_far_heading_that_names_its_type_is_taken_with_a_warning(tmp_path: Path) -> None:
    text = TITLE + _doc(1, 1) + _doc(45, 2)
    batch = _read(tmp_path, text)
    assert [r.number for r in batch.records] == ["1", "45"]
    assert any("from 1 to 45" in w for w in batch.warnings)


@pytest.mark.parametrize("para", [
    "5. The delegation reported on the item at length.",
    "5. The Minister handed over the following letter:",
])
def test_a_sentence_with_the_next_number_before_a_quoted_dateline_is_text(
        tmp_path: Path, para: str) -> None:
    """Document 4's paragraph "5. …", a sentence before a quoted letter's dateline, has the
    next document's number and a dateline after it, but names no document: it is text."""
    body = f"Subject: the item.\n\n{para}\n\nGeneva, November 30, 1966.\n\nThe letter reads."
    text = TITLE + "".join(_doc(n, 1) for n in (1, 2, 3)) + _doc(4, 1, body) + _doc(5, 2)
    batch = _read(tmp_path, text)
    assert [r.number for r in batch.records] == ["1", "2", "3", "4", "5"]
    assert para in batch.records[3].text
    assert not batch.warnings


def test_a_heading_in_lower_case_before_its_dateline_is_taken(tmp_path: Path) -> None:
    """A 1964-68 volume prints "142. aide-memoire From the French Government to the U.S.
    Government": the number follows and a dateline comes next, so it is document 2."""
    heading = "2. aide-memoire From the French Government to the U.S. Government"
    text = TITLE + _doc(1, 1) + heading + "\n\nParis, March 11, 1966.\n\n"
    text += "//Source: Central Files. Secret.\n\nThe French Government has the honor.\n\n"
    batch = _read(tmp_path, text)
    assert [r.number for r in batch.records] == ["1", "2"]
    assert not batch.warnings


_BODY = st.one_of(
    st.builds(lambda n: f"{n}. DELEGATES OF SEVERAL COUNTRIES SPOKE ON THE ITEM AND ASKED FOR "
              "MORE TIME", st.integers(1, 60)),  # a cable's paragraph in capitals
    st.builds(lambda n: f"{n}. The delegation reported on the item at length.",
              st.integers(1, 60)),
    st.just("The Ambassador called on the Minister this morning."),
    st.builds(lambda n: f"{n}. The Minister handed over the following letter:",
              st.integers(1, 60)),  # a paragraph that introduces a quoted letter
    st.just("Geneva, November 30, 1966."),  # a quoted letter's dateline
)


@example(docs=[(1, []), (1, []), (1, []),
               (1, ["5. The delegation reported on the item at length.",
                    "Geneva, November 30, 1966."])])  # taken for document 5 once
@given(st.lists(st.tuples(st.integers(1, 3), st.lists(_BODY, max_size=6)), min_size=1,
                max_size=8))
def test_the_splitter_gives_exactly_the_documents_written(
        docs: list[tuple[int, list[str]]]) -> None:
    """Documents whose numbers step by 1-3, bodies full of numbered paragraphs (in capitals,
    with the next document's number, before quoted datelines): exactly the documents written
    come back, and every step over one is a warning."""
    import tempfile

    numbers, text, n = [], TITLE, 0
    for step, body in docs:
        n += step
        numbers.append(str(n))
        paras = "\n\n".join(body)
        text += (f"{n}. Telegram From the Mission to the United Nations to the Department of "
                 f"State\n\nNew York, December 1, 1966, 9 p.m.\n\n//Source: Central Files. "
                 f"Secret.\n\n{4000 + n}. Subject: the item.\n\n{paras}\n\nGoldberg\n\n")
    with tempfile.TemporaryDirectory() as tmp:
        batch = _read(Path(tmp), text)
    assert [r.number for r in batch.records] == numbers
    skips = [w for w in batch.warnings if "skip" in w]
    assert len(skips) == sum(1 for step, _ in docs[1:] if step > 1)
