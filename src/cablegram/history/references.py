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
# "vol. XIII, Part 2, p. 2400. See footnote 2, Document 10": the reader took the volume of
# the sentence before; a sentence end between the volume and the document undoes it.
_VOLUME_THEN_SENTENCE = re.compile(
    r"^(?i:vol(?:ume)?)\.?\s+[IVXLC]+\b.*?[.;]\s+[A-Z(].*?\bDocuments?\s+(?P<n>\d+)$")


_PART = re.compile(r"\b(?:Part|pt\.)\s*(?P<part>\d+)\b")
_SPLIT_VOLUME = re.compile(r"^(?P<vol>frus[\w-]*?v\d+)(?P<part>p\d+)?/(?P<doc>d\d+)$")


def _with_part(text: str, target: str) -> str:
    """"volume VII, Part 2, Document 95": the reader's target lacks the part ("...v07/d95");
    the volume of a part is "...v07p2"."""
    m = _SPLIT_VOLUME.match(target)
    part = _PART.search(text)
    if m is None or part is None or m["part"]:
        return target
    return f"{m['vol']}p{part['part']}/{m['doc']}"


def _own_volume(src_id: str, text: str, target: str) -> str:
    """The target in the citing document's own volume when the printed volume is from the
    sentence before (see _VOLUME_THEN_SENTENCE); else the target as the reader gave it."""
    m = _VOLUME_THEN_SENTENCE.match(text)
    if m is None or not target.endswith(f"/d{m['n']}"):
        return target
    return f"{src_id.split('/')[0]}/d{m['n']}"


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
            continue
        target = _own_volume(src_id, text, target)
        if target not in known:
            target = _with_part(text, target)
        if target in known:
            yield RefRow(src_id, "document", text, "text", target, "resolved", None, [target])
        else:
            yield RefRow(src_id, "document", text, "text", None, "unresolved",
                         "not in the archive", [target])
