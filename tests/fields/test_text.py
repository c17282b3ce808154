"""Shared normalisation of the field parsers: `folded`, the pre-check before a regex scan."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cablegram.fields.text import folded

# Letters that a case-insensitive regex takes for ASCII ones, mixed into the generated text.
_ODD = "\u0130\u0131\u017f\u212aKS"


def test_folded_lowers_and_maps_the_odd_cases() -> None:
    assert folded("Drafted BY") == "drafted by"
    assert folded("Top Secret") == "top secret"
    assert folded("CONF\u0130DENTIAL") == "confidential"  # dotted capital I: one "i"
    assert folded("\u017fecret") == "secret"  # long s
    assert folded("\u212aennedy") == "kennedy"  # Kelvin sign


@given(st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=6),
       st.text(alphabet=st.one_of(st.characters(), st.sampled_from(_ODD)), max_size=40))
def test_a_word_a_case_insensitive_regex_finds_is_in_the_folded_text(word: str, text: str) -> None:
    odd = word.replace("s", "\u017f").replace("k", "\u212a").replace("i", "\u0130")
    for t in (text, f"{text}{word.upper()}", f"{word.title()}{text}", f"{text}{odd}"):
        if re.search(re.escape(word), t, re.IGNORECASE):
            assert word in folded(t)
