"""Cross-references in printed text: "Document 59", "vol. XI, Document 59", "Embtel 974"."""

from __future__ import annotations

from cablegram.record import Reference


def find_references(text: str, *, collection: str | None = None) -> list[Reference]:
    """References found in `text`; `target` is a record id when it can be known."""
    return []
