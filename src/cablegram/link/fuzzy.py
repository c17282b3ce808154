"""Misspelt surnames ("Kuznetzov" for "Kuznetsov"), found with rapidfuzz against a volume list."""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from cablegram.link.context import CONCEPTS, FUNCTION_WORDS, THINGS, TITLES
from cablegram.link.index import Index
from cablegram.link.roles import places

WORDS = TITLES | FUNCTION_WORDS | THINGS | CONCEPTS

# A capitalised word long enough that one wrong letter still singles a name out.
# (`\b` before it written as a look-behind after the capital: a pattern that opens with a
# character set lets `re` skip to the next capital in C, ~1.7 times faster.)
_WORD = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]{6,}(?:-[A-Z][a-z]+)?\b")


class FuzzyNames:
    """Finds words one edit away from exactly one surname of the volume list.

    A word that is itself a surname in the register is someone else, not a misspelling; each
    word's answer is remembered, so a volume's vocabulary is compared once.
    """

    def __init__(self, idx: Index, known: frozenset[str]) -> None:
        self._by_surname = {s: k for s, k in idx.by_surname.items() if len(s) >= 7}
        self._choices = list(self._by_surname)
        self._known = known | frozenset(idx.by_surname)
        self._seen: dict[str, tuple[str, ...] | None] = {}
        self._named: set[str] = set()  # the words of `_seen` that name someone
        self._by_length: dict[int, list[str]] = {}

    def _choices_near(self, size: int) -> list[str]:
        """The surnames a word of `size` letters can be one edit from (one letter more, less
        or the same), in the order of all choices, so that ties rank as they did."""
        near = self._by_length.get(size)
        if near is None:
            near = self._by_length[size] = [c for c in self._choices if abs(len(c) - size) <= 1]
        return near

    def find(self, text: str, taken: Callable[[], list[tuple[int, int]]]
             ) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, keys) of each misspelt name outside the spans `taken()` gives (asked
        for only when there is one: most documents have none)."""
        if not self._choices:
            return []
        seen = self._seen
        # The words first, in one call: most documents have no misspelt name at all, and
        # then no word's position is needed. Only the words new to the volume are compared.
        words = set(_WORD.findall(text))
        for word in words.difference(seen):
            keys = seen[word] = self._match(word)
            if keys is not None:
                self._named.add(word)
        if words.isdisjoint(self._named):
            return []
        out = []
        spans = taken()
        for m in _WORD.finditer(text):
            keys = seen[m.group()]
            if keys and not any(s < m.end() and m.start() < e for s, e in spans):
                out.append((m.start(), m.end(), keys))
        return out

    def _match(self, word: str) -> tuple[str, ...] | None:
        if word in self._known or word in WORDS or word.casefold() in places():
            return None  # a namesake, a title, or a place ("France" is not "Franco")
        found = process.extract(word, self._choices_near(len(word)), scorer=Levenshtein.distance,
                                score_cutoff=1, limit=3)
        # One letter changed, or (in a long name) one letter more or less: "Charter" is not
        # "Carter", "Kuznetzov" is "Kuznetsov", "Khruschev" is "Khrushchev".
        close = [name for name, _, _ in found if name[0] == word[0]
                 and (len(name) == len(word) or min(len(name), len(word)) >= 8)]
        if len(close) != 1:
            return None
        return self._by_surname[close[0]]
