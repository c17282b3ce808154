"""The words around a name: `word_before` reads backwards what its regex finds forwards."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.link.context import _WORD_BEFORE, word_before


def _by_regex(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return m.group(1) if m else ""


@pytest.mark.parametrize(("text", "word"), [
    ("Secretary Rusk", "Secretary"), ("said (Rusk", ""), ("Mr. Rusk", "Mr."),
    ("\nRusk", ""), ("the\nRusk", "the"), ("O’Brien  Rusk", "O’Brien"), ("Rusk", ""),
    ("a very long run of words that is more than forty characters long Rusk", "long"),
])
def test_word_before(text: str, word: str) -> None:
    assert word_before(text, text.rindex("Rusk")) == word == _by_regex(text, text.rindex("Rusk"))


@given(st.text(alphabet=st.sampled_from("ab ’'-._\t\n(é1"), max_size=60),
       st.integers(min_value=0, max_value=70))
def test_word_before_is_what_the_regex_finds(text: str, at: int) -> None:
    at = min(at, len(text))
    assert word_before(text, at) == _by_regex(text, at)
