"""Telegram citations: what each says about the telegram it cites."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cablegram.fields.telegram_cites import TelegramCitation, find_telegram_citations


def _one(text: str) -> TelegramCitation:
    found = find_telegram_citations(text)
    assert len(found) == 1, found
    return found[0]


def test_deptel_and_embtel() -> None:
    found = find_telegram_citations("Re Deptel 864 and Embtel 974.")
    assert [(c.kind, c.number, c.text) for c in found] == [
        ("department", "864", "Deptel 864"), ("post", "974", "Embtel 974")]


def test_telegram_from_a_post_with_its_date() -> None:
    c = _one("In telegram 1625 from USUN, October 30, Stevenson reported")
    assert (c.kind, c.number, c.direction, c.place, c.month, c.day, c.year) == (
        "telegram", "1625", "from", "USUN", 10, 30, None)
    assert c.text == "telegram 1625 from USUN, October 30"


def test_telegram_to_a_post_with_a_full_date() -> None:
    c = _one("Telegram 1945 to Moscow, January 4, 1962, instructed the Embassy")
    assert (c.direction, c.place, c.month, c.day, c.year) == ("to", "Moscow", 1, 4, 1962)


def test_your_and_my_need_a_number_that_ends_the_phrase() -> None:
    assert _one("I appreciate your 2584, particularly").kind == "yours"
    assert _one("as in my 2763.").kind == "mine"
    assert find_telegram_citations("my 345 tanks") == []


def test_each_number_of_a_list_is_one_citation() -> None:
    found = find_telegram_citations("Deptels 12, 13, and 14 to London")
    assert [(c.number, c.place, c.direction) for c in found] == [
        ("12", "London", "to"), ("13", "London", "to"), ("14", "London", "to")]


def test_reftel_has_no_number() -> None:
    assert (_one("reftel not found").kind, _one("reftel not found").number) == ("reftel", None)


def test_a_place_stops_at_a_month_and_at_punctuation() -> None:
    assert _one("telegram 12 from New Delhi March 3").place == "New Delhi"
    assert _one("telegram 974 from the Embassy in Paris; see").place == "Embassy in Paris"


def test_circular_telegram() -> None:
    assert _one("Circular telegram 123 of May 2").kind == "circular"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_gives_slices_of_itself(text: str) -> None:
    for c in find_telegram_citations(text):
        assert text[c.start:c.end] == c.text


@given(st.lists(st.sampled_from(["Deptel", "Embtel", "telegram", "your", " 12", " from",
                                 " to", " Moscow", ",", " October", " 3", " 1962", ".", " and",
                                 "reftel", " No."]), max_size=20))
def test_citation_words_in_any_order(words: list[str]) -> None:
    text = "".join(words)
    for c in find_telegram_citations(text):
        assert text[c.start:c.end] == c.text
        assert c.number is None or c.number.isdigit()
        assert c.month is None or 1 <= c.month <= 12
