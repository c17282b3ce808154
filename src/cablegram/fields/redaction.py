"""Redaction markers: "[less than 1 line of source text not declassified]"."""

from __future__ import annotations

import re

from cablegram.fields.text import squash
from cablegram.record import Redaction

# "[2 paragraphs (14 lines) not declassified]", "[name not declassified]", "[1½ lines of
# source text not declassified]", "[text not declassified]": the extent is what precedes
# "of source text" (or "not declassified").
_MARKER = re.compile(r"\[(?P<body>[^\[\]]{1,160}?)\s+not\s+declassified\s*\]", re.IGNORECASE)
_OF_SOURCE = re.compile(r"\s+of\s+(?:\S+\s+)?source\s+text\b", re.IGNORECASE)


def find_redactions(text: str) -> list[Redaction]:
    """Every redaction marker in `text`, in order, with its extent."""
    out: list[Redaction] = []
    for m in _MARKER.finditer(text):
        body = squash(m["body"])
        extent = squash(_OF_SOURCE.sub("", body)) or None
        out.append(Redaction(text=squash(m[0]), extent=extent))
    return out
