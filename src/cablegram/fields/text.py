"""Normalisation shared by the field parsers: whitespace and stray spaces before punctuation."""

from __future__ import annotations

import re

# The older TEI volumes print "Paris , June 13" and "1959 ."; printed text has no such spaces.
_SPACE_BEFORE_PUNCT = re.compile(r" ([,.;:)\]])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[]) ")


def squash(text: str) -> str:
    """Collapse runs of whitespace (line breaks inside phrases) to one space and strip."""
    # str.split is several times faster than a regex here, and these run on every document.
    return " ".join(text.split())


def tidy(text: str) -> str:
    """`squash`, then drop spaces before closing punctuation and after opening brackets."""
    text = squash(text)
    if _SPACE_BEFORE_PUNCT.search(text):  # (a search is cheaper than six `in` tests)
        text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    if "( " in text or "[ " in text:
        text = _SPACE_AFTER_OPEN.sub(r"\1", text)
    return text


# What a case-insensitive regex takes for an ASCII letter besides its two cases.
_ODD_CASES = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def folded(text: str) -> str:
    """`text` lowered as a case-insensitive regex sees its ASCII letters.

    A word missing from it is missing for such a regex too: a cheap test that spares a
    regex scan of the whole text when the word it needs is not there.
    """
    if not text.isascii() and (
        "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text
    ):
        text = text.translate(_ODD_CASES)
    return text.lower()


_PERIOD = re.compile(r"(\S*)\.(?=\s|$)")
# A period after these ends no sentence: "Mr. Rusk", "U.S. Forces", "John A. McCone", "Vol. II".
_ABBREV = frozenset(
    (
        "mr", "mrs", "ms", "dr", "jr", "sr", "st", "no", "nos", "lt", "co", "gen", "col", "adm",
        "gov", "sen", "rep", "amb", "ltd", "inc", "maj", "capt", "cdr", "brig", "sgt", "rev", "fr",
        "vs", "vol", "ft", "messrs", "cmdr", "esq", "dept", "corp", "bros", "pp", "p", "ibid", "cf",
        "ca", "op", "cit",
    )
)


def sentence_end(text: str, start: int = 0, end: int | None = None) -> int:
    """The index just after the first sentence-ending period in text[start:end], else `end`."""
    stop = len(text) if end is None else end
    if "." not in text[start:stop]:
        return stop
    for p in _PERIOD.finditer(text, start, stop):
        word = p[1].rsplit(".", 1)[-1].lstrip("([")
        if len(word) <= 1 or word.lower() in _ABBREV or "." in p[1] or word.isdigit():
            continue
        return p.end()
    return stop
