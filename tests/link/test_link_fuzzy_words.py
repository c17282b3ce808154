"""The misspelling finder's word pattern: the same words as the plain `\\b...\\b` pattern it
replaced for speed, on any text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cablegram.link.fuzzy import _WORD

_PLAIN = re.compile(r"\b[A-Z][a-z]{6,}(?:-[A-Z][a-z]+)?\b")
_PIECES = st.lists(st.sampled_from(["Kuznetzov", "Abcdefg", "abcdefg", "-", "Xy", " ", "_",
                                    "1", "é", "Ékonomi", "K", "\n", "’"]), max_size=12)


@given(st.one_of(st.text(max_size=60), _PIECES.map("".join)))
def test_same_words_as_the_plain_pattern(text: str) -> None:
    assert [m.span() for m in _WORD.finditer(text)] == [m.span() for m in _PLAIN.finditer(text)]


def test_words_at_edges() -> None:
    text = "Kuznetzov said xKuznetzov and _Kuznetsova, Khruschev-Bulganin, Ébranlé"
    assert _WORD.findall(text) == ["Kuznetzov", "Khruschev-Bulganin"]
