"""Cross-references in printed text: "Document 59", "vol. XI, Document 59", "Embtel 974"."""

from __future__ import annotations

import re

from cablegram.record import Reference

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# These run over every body of every volume, so each pattern opens with a literal that
# the regex engine can scan for quickly, and the context before it is checked afterwards.
# "Document 59", "Documents 12 and 13", "Documents 12, 14, and 16": each number printed is
# one reference.
_DOCS = re.compile(r"Documents?\s+(?P<nums>\d+(?:\s*(?:,\s*and|,|and|–|-|or)\s*\d+)*)")
# "vol. XI, " / "volume XI, Part 1, " / "Volume XI, Cuban Missile Crisis, " before "Document".
_VOLUME_BEFORE = re.compile(
    r"\b(?i:vol(?:ume)?)\.?\s+(?P<roman>[IVXLC]+)(?:,\s*(?:Part|pt\.)\s*\d+)?"
    r"(?:,\s*[^,;()]{0,80}?)?,\s*$"
)
_LOOKBEHIND = 160
_NUM = re.compile(r"\d+")
# Telegram references, resolved later by a linker: "Embtel 974", "Deptel 1171", "reftel",
# "telegram 1688 from Moscow". The word before "tel" must be one of these.
_TEL = re.compile(
    r"tel(?P<gram>egrams?|s)?\s+(?P<num>\d+(?:-\d+)?)\b"
    r"(?(gram)(?:\s+(?:from|to)\s+[A-Z][A-Za-z]+(?:\s+[A-Z][a-z]+)?)?)"
)
_TEL_WORDS = frozenset(("emb", "dep", "ur", "my", "con", "ref", "re", "", "t"))
_VOLUME_ID = re.compile(r"^(?P<series>frus\d{4}(?:-\d{2})?)v(?P<num>\d+)(?P<part>p\d+)?$")


def roman_to_int(text: str) -> int | None:
    """XI -> 11; None for anything that is not a Roman numeral."""
    total = 0
    prev = 0
    for ch in reversed(text.upper()):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None


def _volume_target(collection: str | None, roman: str | None) -> str | bool | None:
    """The collection of "vol. XI" within the series of `collection`; False when unknown."""
    if roman is None:
        return collection
    n = roman_to_int(roman)
    m = _VOLUME_ID.match(collection or "")
    if n is None or m is None:
        return False
    return f"{m['series']}v{n:02d}"


def find_references(text: str, *, collection: str | None = None) -> list[Reference]:
    """References found in `text`; `target` is a record id when it can be known.

    "Document 59" targets `collection`/d59; "vol. XI, Document 59" targets volume 11 of
    the same series ("frus1961-63v06" -> "frus1961-63v11/d59"). Telegram references
    ("Embtel 974", "telegram 1688 from Moscow") keep target None for a linker to resolve.
    """
    refs: list[Reference] = []
    for m in _DOCS.finditer(text):
        start = m.start()
        if start and text[start - 1].isalnum():
            continue
        vol = _VOLUME_BEFORE.search(text, max(0, start - _LOOKBEHIND), start)
        target = _volume_target(collection, vol["roman"] if vol else None)
        if vol:
            start = vol.start()
        printed = " ".join(text[start : m.end()].split())
        for n in _NUM.finditer(m["nums"]):
            tid = f"{target}/d{n[0]}" if isinstance(target, str) and target else None
            refs.append(Reference(text=printed, target=tid))
    for m in _TEL.finditer(text):
        ws = m.start()
        while ws and text[ws - 1].isalpha():
            ws -= 1
        word = text[ws : m.start()].lower()
        if word not in _TEL_WORDS:
            continue
        # Bare "tel"/"Tels 12" is no reference; "telegram 1688" and "Telegram 1688" are.
        if word in ("", "t") and not (m["gram"] or "").startswith("egram"):
            continue
        refs.append(Reference(text=" ".join(text[ws : m.end()].split()), target=None))
    return refs
