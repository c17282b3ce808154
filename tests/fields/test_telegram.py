"""Telegram numbers that open a cable's text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.fields import parse_telegram_number
from cablegram.fields.telegram import find_telegram_number, opening_paragraphs


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1707. Eyes only Secretary.", "1707"),
        ("1579. For Secretary from McCloy. Department pass White House.", "1579"),
        ("CAP 55515-62. Reference your message.", "CAP 55515-62"),
        ("Secto 12. Following is summary.", "Secto 12"),
        ("Tosec 15. For the Secretary.", "Tosec 15"),
        ("Polto 123. Reference Polto 120.", "Polto 123"),
        ("Delga 344. Re Deptel 200.", "Delga 344"),
        ("12. Eyes only for Ambassador.", "12"),
        ("45. 1. Following is text.", "45"),
        # A first paragraph numbered 2 or more is a cable number in the corpus.
        ("48. Saigon for Secretary State.", "48"),
        ("1. Eyes only for the Ambassador.", "1"),
        ("A–34. Subject: visit.", "A–34"),
        ("CA-1234. Circular.", "CA-1234"),
        ("24609/Delto 996. 1. In the meetings", "24609/Delto 996"),
        ("Unnumbered. Following", None),
        # A numbered paragraph, a heading-like word, or prose: no telegram number.
        ("1. The Planning Subcommittee reviewed the situation.", None),
        ("Item 3. The meeting", None),
        ("The President asked that", None),
        ("", None),
    ],
)
def test_numbers(text: str, number: str | None) -> None:
    assert parse_telegram_number(text) == number


@given(st.text(max_size=100))
def test_any_text(text: str) -> None:
    n = parse_telegram_number(text)
    assert n is None or any(c.isdigit() for c in n)


@given(st.integers(100, 9_999_999), st.sampled_from(["For", "Eyes only", "Ref", "Subject:"]))
def test_round_trip(num: int, opener: str) -> None:
    assert parse_telegram_number(f"{num}. {opener} the Secretary.") == str(num)


@pytest.mark.parametrize(("paragraphs", "expected"), [
    (["164. Pignon told me Wednesday night that he is well aware"], "164"),
    (["Secret", "3285. For Batt from Thorp."], "3285"),
    (["us urgent", "niact", "48. Gocus 531. GOC telegraphing unanimous report"], "48"),
    (["[place not declassified],", "297. 1. Following views are presented for HQS"], "297"),
    (["[telegram indicator not declassified] 605. Ref: DIR 18338."], "605"),
    (["[Extracts]", "secret", "617. Comkas 16 July 23. Mohammed Ali and Ayub"], "617"),
    (["Confidential", "Priority", "Ecsoc 23. For the President from Baker"], "Ecsoc 23"),
    # The first real paragraph decides: a numbered list's "1." is no telegram number.
    (["1. The Planning Subcommittee met today to review", "2. It agreed"], None),
    (["Secret", "Eyes only", "Dear Mr. President, ..."], None),
    ([], None),
])
def test_number_in_the_first_real_paragraph(paragraphs: list[str], expected: str | None,
                                            ) -> None:
    assert find_telegram_number(paragraphs) == expected


@given(st.lists(st.text(max_size=60), max_size=6))
def test_found_number_opens_one_of_the_first_paragraphs(paragraphs: list[str]) -> None:
    found = find_telegram_number(paragraphs)
    if found is not None:
        assert any(found.split()[-1] in p for p in paragraphs[:4])


def test_opening_paragraphs_stop_at_the_first_that_may_hold_the_number() -> None:
    assert opening_paragraphs(["Secret", "Niact", "974. Ref: Deptel 12.", "Later."]) == [
        "Secret", "Niact", "974. Ref: Deptel 12."]
    assert opening_paragraphs(["The Ambassador called on the Foreign Minister today.", "2."]) == [
        "The Ambassador called on the Foreign Minister today."]
    assert opening_paragraphs(["a", "b", "c", "d", "e"]) == ["a", "b", "c", "d"]
    assert opening_paragraphs([]) == []


@given(st.lists(st.one_of(st.text(max_size=60), st.sampled_from(["Secret", "1234.", "A-34."])),
                max_size=6))
def test_the_opening_paragraphs_give_the_same_number(paragraphs: list[str]) -> None:
    opening = opening_paragraphs(iter(paragraphs))
    assert opening == paragraphs[: len(opening)]
    assert find_telegram_number(opening) == find_telegram_number(paragraphs)
