"""Misspelt surnames ("Kuznetzov" for "Kuznetsov"), found with rapidfuzz against a volume list."""

from __future__ import annotations

import re

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from cablegram.link.context import CONCEPTS, FUNCTION_WORDS, THINGS, TITLES
from cablegram.link.index import Index
from cablegram.link.roles import places

WORDS = TITLES | FUNCTION_WORDS | THINGS | CONCEPTS

# A capitalised word long enough that one wrong letter still singles a name out.
_WORD = re.compile(r"\b[A-Z][a-z]{6,}(?:-[A-Z][a-z]+)?\b")


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

    def find(self, text: str, taken: list[tuple[int, int]]
             ) -> list[tuple[int, int, tuple[str, ...]]]:
        if not self._choices:
            return []
        out = []
        for m in _WORD.finditer(text):
            word = m.group()
            keys = self._seen.get(word, ())
            if keys == ():
                keys = self._seen[word] = self._match(word)
            if keys and not any(s < m.end() and m.start() < e for s, e in taken):
                out.append((m.start(), m.end(), keys))
        return out

    def _match(self, word: str) -> tuple[str, ...] | None:
        if word in self._known or word in WORDS or word.casefold() in places():
            return None  # a namesake, a title, or a place ("France" is not "Franco")
        found = process.extract(word, self._choices, scorer=Levenshtein.distance,
                                score_cutoff=1, limit=3)
        # One letter changed, or (in a long name) one letter more or less: "Charter" is not
        # "Carter", "Kuznetzov" is "Kuznetsov", "Khruschev" is "Khrushchev".
        close = [name for name, _, _ in found if name[0] == word[0]
                 and (len(name) == len(word) or min(len(name), len(word)) >= 8)]
        if len(close) != 1:
            return None
        return self._by_surname[close[0]]
