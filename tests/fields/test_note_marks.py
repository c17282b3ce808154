"""Note numbers glued to the text of history.state.gov pages copied as text.

Shapes seen on real pages (e.g. https://history.state.gov/historicaldocuments/frus1969-76v15/d164:
"…to President Nixon1"; notes after years and telegram numbers).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.fields.note_marks import (
    NoteMarkError,
    consecutive_run,
    glued_marks,
    split_heading_mark,
    unglue_marks,
)


@pytest.mark.parametrize(
    ("text", "expected", "out"),
    [
        ("to President Nixon1", ["1"], "to President Nixon/1/"),
        ("on March 21, 1974,2 the Soviets", ["2"], "on March 21, 1974,/2/ the Soviets"),
        ("See Embtel 2607.2 Secretary agreed.", ["2"], "See Embtel 2607./2/ Secretary agreed."),
        ("He agreed.3 Then he left.4", ["3", "4"], "He agreed./3/ Then he left./4/"),
        ("“We will not.”5 He said", ["5"], "“We will not.”/5/ He said"),
        ("at 3 p.m.2 the talks", ["2"], "at 3 p.m./2/ the talks"),
        ("see (NSC 5719/1)1 and", ["1"], "see (NSC 5719/1)/1/ and"),
        ("SUBJECT: REFERENCES3", ["3"], "SUBJECT: REFERENCES/3/"),
        ("EUR4 and AND2", ["4"], "EUR/4/ and AND2"),
        # A sentence ending on a date, as the older volumes print (frus1943v01 d86).
        ("of September 27.45 While", ["45"], "of September 27./45/ While"),
        ("dated Sept. 3,4 the note", ["4"], "dated Sept. 3,/4/ the note"),
    ],
)
def test_marks_split_off(text: str, expected: list[str], out: str) -> None:
    assert unglue_marks(text, expected).text == out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("costs rose 3.5 percent", ["5"]),          # a decimal
        ("paragraphs 1,2 and 3", ["2"]),            # a list of numbers
        ("the B52 and SS20 fleets", ["2", "0"]),    # designations
        ("in 1974 and 2607", ["4"]),                # a year, a telegram number
        ("NSC 5412/2 was approved", ["2"]),         # a paper's number
        ("Deptel 2 of May 3", ["2"]),               # a number after a space
        ("about 1,200 men", ["2"]),                 # thousands
        ("12.5 million", ["5"]),
        ("costs of 1000.5 million", ["5"]),
        ("on September 27.45 million", ["45"]),   # a date, then a decimal's digits
        ("your 769, March 24, 4 p.m.", ["4"]),     # a time after a date
        ("pages 27.45 While", ["45"]),             # no month: a decimal
    ],
)
def test_real_numbers_untouched(text: str, expected: list[str]) -> None:
    got = unglue_marks(text, expected)
    assert got.text == text
    assert got.found == []


def test_marks_found_in_order_only() -> None:
    # Note 3 is looked for after note 2: the "3" of "Nixon3" before it is not taken.
    got = unglue_marks("Nixon3 said.2 Then", ["2", "3"])
    assert got.found == ["2"]
    assert got.text == "Nixon3 said./2/ Then"


@pytest.mark.parametrize(
    ("heading", "mark", "sure", "title"),
    [
        ("Letter From Brezhnev to President Nixon1", "1", True,
         "Letter From Brezhnev to President Nixon"),
        ("Telegram From the Embassy in the Soviet Union 0", "0", True,
         "Telegram From the Embassy in the Soviet Union"),
        ("National Security Action Memorandum No. 12411", "1", True,
         "National Security Action Memorandum No. 1241"),
        ("National Security Action Memorandum No. 1241", "1", False,
         "National Security Action Memorandum No. 1241"),
        ("Editorial Note", "1", False, "Editorial Note"),
        ("Editorial Note1", "1", False, "Editorial Note"),
        ("Paper on Volume 1", "1", False, "Paper on Volume 1"),
        ("Nixon1", None, True, "Nixon1"),
    ],
)
def test_heading_mark(heading: str, mark: str | None, sure: bool, title: str) -> None:
    assert split_heading_mark(heading, mark, sure=sure).text == title


def test_bad_mark_is_the_module_error() -> None:
    with pytest.raises(NoteMarkError):
        unglue_marks("text", ["x"])
    with pytest.raises(NoteMarkError):
        split_heading_mark("text1", "1234")


@given(st.text(max_size=200), st.lists(st.text(max_size=4), max_size=5), st.booleans())
def test_any_input_value_or_own_error(text: str, expected: list[str], sure: bool) -> None:
    try:
        got = unglue_marks(text, expected)
        assert isinstance(got.text, str)
        split_heading_mark(text, expected[0] if expected else None, sure=sure)
    except NoteMarkError:
        pass


_NUMBERS = st.lists(
    st.one_of(st.from_regex(r"\d{1,5}", fullmatch=True),
              st.from_regex(r"[0-9]{1,2}\.[0-9]{1,3}|[0-9]{1,3},[0-9]{3}", fullmatch=True),
              st.from_regex(r"[0-9]{3,5}\.[0-9] (?:million|percent)", fullmatch=True),
              st.from_regex(r"(?:Deptel|Embtel|telegram|March 21,) [0-9]{1,4}", fullmatch=True)),
    min_size=1, max_size=20,
)


@given(_NUMBERS, st.sampled_from([" ", ", ", "; "]),
       st.lists(st.integers(0, 30).map(str), max_size=4))
def test_real_numbers_never_change(items: list[str], sep: str, expected: list[str]) -> None:
    # Years, telegram numbers, decimals between spaces or commas: nothing glued to split.
    text = sep.join(items)
    got = unglue_marks(text, expected)
    assert got.text == text
    assert got.found == []


@given(st.lists(st.from_regex(r"[a-z]{3,9}", fullmatch=True), min_size=2, max_size=12),
       st.integers(1, 9))
def test_glued_then_unglued_round_trip(words: list[str], n: int) -> None:
    sentence = " ".join(words)
    marked = f"{sentence}.{n} Then it ended."
    got = unglue_marks(marked, [str(n)])
    assert got.found == [str(n)]
    assert got.text.replace(f"/{n}/", "") == f"{sentence}. Then it ended."


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("Mr. Bonna21 Wednesday March 25. Pilet-Golaz22 as", ["21", "22"]),
        ("your 769, March 24, 4 p.m., was handed", []),
        ("4703. Your 5993, April 13, 6 p.m. Inform", []),
        ("of September 27.45 While", ["45"]),
        ("the B52 and costs of 3.5 percent", []),
    ],
)
def test_glued_marks(text: str, marks: list[str]) -> None:
    assert glued_marks(text) == marks


@pytest.mark.parametrize(
    ("text", "count", "start"),
    [
        # The browser's list "1." to "4." for the volume's notes 21 to 24 (frus1942v02 d826).
        ("Mr. Bonna21 Wednesday. Pilet-Golaz22 soon. by Monday23 if your concurrence.24",
         4, 21),
        ("of September 27.45 While", 1, 45),
        ("Mr. Bonna21 Wednesday. Pilet-Golaz22 soon.", 3, None),     # one mark short
        ("Mr. Bonna21 Wednesday. Pilet-Golaz23 soon.", 2, None),     # not consecutive
        ("Mr. Bonna22 Wednesday. Pilet-Golaz21 soon.", 2, None),     # not in order
        ("Bonna21 and Pilet4 said", 1, None),                        # which one: neither
        ("your 769, March 24, 4 p.m., telegram 1260 of 1942", 1, None),
    ],
)
def test_consecutive_run(text: str, count: int, start: int | None) -> None:
    assert consecutive_run(text, count) == start


def test_consecutive_run_needs_a_count() -> None:
    with pytest.raises(NoteMarkError):
        consecutive_run("Bonna21", 0)


@given(st.text(max_size=200), st.integers(-3, 30))
def test_run_any_input_value_or_own_error(text: str, count: int) -> None:
    assert all(m.isdigit() and m in text for m in glued_marks(text))
    try:
        start = consecutive_run(text, count)
    except NoteMarkError:
        assert count < 1
        return
    if start is not None:
        expected = [str(start + i) for i in range(count)]
        assert unglue_marks(text, expected).found == expected


@given(_NUMBERS, st.sampled_from([" ", ", ", "; "]), st.integers(1, 5))
def test_real_numbers_are_no_run(items: list[str], sep: str, count: int) -> None:
    text = sep.join(items)
    assert glued_marks(text) == []
    assert consecutive_run(text, count) is None


@given(st.lists(st.from_regex(r"[a-z]{3,9}", fullmatch=True), min_size=1, max_size=6),
       st.integers(2, 90), st.integers(1, 6))
def test_a_glued_run_is_found(words: list[str], start: int, count: int) -> None:
    text = " ".join(f"{w} Word{start + i} said." for i in range(count) for w in words[:1])
    assert consecutive_run(text, count) == start
