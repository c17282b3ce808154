"""Document references ("Document 109", "vol. XI, Document 59", TEI `ref@target`) checked
against the archive: the reader gave each its target id; here it is found, or not and why.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from typing import Any

from cablegram.store.base import RefRow

# A finder reference to a telegram ("Embtel 974") is resolved by telegram_refs, with context.
_DOCUMENT = re.compile(r"\bDocuments?\b")


def document_refs(src_id: str, references: list[dict[str, Any]],
                  known: Container[str]) -> Iterator[RefRow]:
    """The record's document references as rows: resolved when the target is stored."""
    for ref in references:
        target = ref.get("target")
        text = ref.get("text") or ""
        if target is None and not _DOCUMENT.search(text):
            continue  # a page, a term, a telegram: not a document reference
        if target is None:
            yield RefRow(src_id, "document", text, "text", None, "unresolved",
                         "the volume is not known", [])
        elif target in known:
            yield RefRow(src_id, "document", text, "text", target, "resolved", None, [target])
        else:
            yield RefRow(src_id, "document", text, "text", None, "unresolved",
                         "not in the archive", [target])
