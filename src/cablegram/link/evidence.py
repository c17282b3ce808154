"""What the words printed around a surname say about which person it is (pure functions)."""

from __future__ import annotations

import re

# "Director of Central Intelligence (Dulles)": the office names the person in parentheses.
_OFFICE_BEFORE_PAREN = re.compile(r"((?:[A-Z][\w.’'-]*|of|for|the|and)(?: (?:[A-Z][\w.’'-]*|of|"
                                  r"for|the|and)){1,2}) ?$")
# “Big” Minh, "Little" Minh: a nickname in quotes just before the surname.
_QUOTED_BEFORE = re.compile(r"[“\"]([^”\"\n]{1,20})[”\"][ \t]*$")
# Words after a surname that speak of a past time ("the Kennedy years").
_PAST = frozenset({"years", "Years", "era", "Era", "administration", "Administration",
                   "administration's", "Administration's", "Administration’s"})


def office_before_paren(text: str, start: int) -> str:
    """The last words of an office printed just before "(Surname" (casefolded), or ""."""
    if start < 2 or text[start - 1] != "(":
        return ""
    return _office_ending(text, start - 1)


def office_before_name(text: str, start: int, ends: frozenset[str]) -> str:
    """The same for an office printed just before the surname itself, its last word one of
    `ends` ("Director of Central Intelligence Dulles"), or ""."""
    j = start
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j == start or j == 0:
        return ""
    at = j
    while at > 0 and (text[at - 1].isalpha()):
        at -= 1
    if text[at:j] not in ends:
        return ""
    return _office_ending(text, j)


def _office_ending(text: str, end: int) -> str:
    m = _OFFICE_BEFORE_PAREN.search(text, max(0, end - 80), end)
    if not m:
        return ""
    words = m.group(1).split()
    while words and words[0] in ("of", "for", "the", "and"):
        words = words[1:]  # "... Affairs" must start the phrase with a word of the office
    return " ".join(words).casefold() if len(words) >= 2 else ""


def quoted_nickname(text: str, start: int) -> str:
    """The nickname printed in quotes just before a surname (“Big” Minh), or ""."""
    j = start - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or text[j] not in "”\"":
        return ""  # (the common case, without a regex: this runs for most names found)
    m = _QUOTED_BEFORE.search(text, max(0, start - 30), start)
    return m.group(1).strip() if m else ""


def speaks_of_the_past(text: str, end: int) -> bool:
    """A surname followed by "years", "era" or "Administration": a time, maybe long past."""
    m = re.match(r"(?:[’']s)?[ \t]+([\w’']+)", text[end : end + 30])
    return bool(m) and m.group(1) in _PAST  # type: ignore[union-attr]


# An initial ("C.") or a capitalised word printed just before a name, on the same line.
_GIVEN_BEFORE = re.compile(r"(?:^|(?<=[^\w.’'-]))([A-Z]\.|[A-Z][a-z]+)[ \t]+$")


def given_before(text: str, start: int, known: frozenset[str]) -> str:
    """An initial, or a known given name, printed just before a name that begins with an
    initial: "C." of "C. W. Cook", "Clarence" of "Clarence D. Martin" ("" when there is
    none; an initial opening a sentence, "He said so. D. Martin", is none)."""
    m = _GIVEN_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return ""
    word = m.group(1)
    return word if word.endswith(".") or word in known else ""
