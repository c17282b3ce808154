"""People in the archive: how a linked person takes part in a record, and name lookups.

Pure functions over records and names; the store keeps what they compute
(`person_docs`, `register_words`) and `Archive.person` reads it back.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from cablegram.record import Record

ROLES: tuple[str, ...] = ("sender", "recipient", "mentioned")
_WORD = re.compile(r"\w+")


def fold_words(text: str) -> list[str]:
    """`text`'s words in lower case without accents ("Khrushchëv" → "khrushchev")."""
    return list(_folded(text))


# Storing the corpus folds the same senders, recipients and register names over and over
# (person_roles: ~300,000 calls for ~20,000 distinct texts): each is folded once.
@lru_cache(maxsize=1 << 16)
def _folded(text: str) -> tuple[str, ...]:
    if text.isascii():
        # ASCII is its own NFKD form and has no combining marks: the same words, faster.
        return tuple(_WORD.findall(text.lower()))
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return tuple(_WORD.findall(plain.lower()))


def surname(name: str) -> str:
    """The surname of a register name: before the comma ("Kohler, Foy D."), else the last word."""
    head, sep, _ = name.partition(",")
    if sep:
        return head.strip()
    words = name.split()
    return words[-1] if words else ""


@lru_cache(maxsize=1 << 16)
def _surname_words(name: str) -> tuple[str, ...]:
    return _folded(surname(name))


def _names_in(words: set[str], name: str) -> bool:
    wanted = _surname_words(name)
    return bool(wanted) and all(w in words for w in wanted)


def person_roles(record: Record) -> list[tuple[str, str, str]]:
    """(register id, how, role) of every resolved person of the record, one row per role.

    A person whose surname is in the record's sender or a signer's name is a sender; in its
    recipient, a recipient; a person who is neither is mentioned.
    """
    senders = set(_folded(record.sender or ""))
    for s in record.signers:
        senders.update(_folded(s.name))
    recipients = set(_folded(record.recipient or ""))
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for p in record.persons:
        if p.id is None or p.id in seen:
            continue
        seen.add(p.id)
        roles = [role for role, words in (("sender", senders), ("recipient", recipients))
                 if _names_in(words, p.name)]
        rows.extend((p.id, p.how, role) for role in roles or ["mentioned"])
    return rows


@dataclass(slots=True)
class DocRef:
    """A document as a person's page lists it."""

    id: str
    date: str | None
    title: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.date, "title": self.title}


@dataclass(slots=True)
class PersonReport:
    """Everything the archive knows of one register person (`cablegram person`)."""

    id: str
    name: str
    names: list[str] = field(default_factory=list)
    birth: int | None = None
    death: int | None = None
    # [{role, post, start, end}], in date order.
    appointments: list[dict[str, str | None]] = field(default_factory=list)
    sent: list[DocRef] = field(default_factory=list)
    received: list[DocRef] = field(default_factory=list)
    mentioned: list[DocRef] = field(default_factory=list)
    # [(register id, name, documents in common)], most frequent first.
    co_mentioned: list[tuple[str, str, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "names": list(self.names),
            "birth": self.birth, "death": self.death,
            "appointments": [dict(a) for a in self.appointments],
            "sent": [d.to_dict() for d in self.sent],
            "received": [d.to_dict() for d in self.received],
            "mentioned": [d.to_dict() for d in self.mentioned],
            "co_mentioned": [{"id": i, "name": n, "documents": c}
                             for i, n, c in self.co_mentioned],
        }
