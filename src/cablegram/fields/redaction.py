"""Redaction markers: "[less than 1 line of source text not declassified]"."""

from __future__ import annotations

from cablegram.record import Redaction


def find_redactions(text: str) -> list[Redaction]:
    return []
