"""Markup links: each persName/@corresp in a document's text, with its offsets in Record.text.

The text is serialised by libxml2 in one call (tei_text), so offsets cannot be counted per
element. Instead each tagged persName is fenced with two private-use characters before the
text is taken; `unfence` removes them and returns where they stood. A fence that stood alone
between spaces leaves one space, so the text is exactly the text read without markup.
"""

from __future__ import annotations

from lxml import etree

from cablegram.readers.tei_text import PERSNAME
from cablegram.record import Mention, PersonLink

OPEN = "\ue002"
CLOSE = "\ue003"
_BREAKS = (" ", "\n")


def fence(doc: etree._Element) -> list[str]:
    """Fence every persName with a corresp and some text; their volume ids, in document order."""
    ids: list[str] = []
    for el in doc.iter(PERSNAME):
        ref = (el.get("corresp") or "").strip()
        if not ref:
            continue
        text = el.text or ""
        if not (text.strip() or len(el)):
            continue
        ids.append(ref.split()[0].rpartition("#")[2])  # "#p_X", "p_X", ".#p_X"
        el.text = OPEN + text
        el.tail = CLOSE + (el.tail or "")
    return ids


def unfence(text: str, ids: list[str]) -> tuple[str, list[PersonLink]]:
    """The text without fences, and one markup link per volume id with its mentions."""
    if OPEN not in text and CLOSE not in text:
        return text, []
    out: list[str] = []
    size = 0  # len("".join(out))
    opened: list[tuple[int, int]] = []  # (position, index into ids) of open fences
    spans: list[tuple[int, int, int]] = []
    n = i = 0
    while True:
        j = _next_fence(text, i)
        chunk = text[i:j] if j >= 0 else text[i:]
        if chunk:
            prev = out[-1][-1] if out else "\n"
            if chunk[0] == " " and prev in _BREAKS:
                chunk = chunk[1:]  # a fence stood alone between spaces, or opened a line
            elif chunk[0] == "\n" and prev == " ":
                size -= 1  # a fence stood alone at the end of a line
                out[-1] = out[-1][:-1]
                if not out[-1]:
                    out.pop()
        if chunk:
            out.append(chunk)
            size += len(chunk)
        if j < 0:
            break
        if text[j] == OPEN:
            opened.append((size, n))
            n += 1
        elif opened:
            start, k = opened.pop()
            spans.append((start, size, k))
        i = j + 1
    if out and out[-1].endswith(" "):
        out[-1] = out[-1][:-1]
    clean = "".join(out)
    return clean, _links(clean, spans, ids)


def _next_fence(text: str, i: int) -> int:
    a, b = text.find(OPEN, i), text.find(CLOSE, i)
    if a < 0:
        return b
    return a if b < 0 else min(a, b)


def _links(text: str, spans: list[tuple[int, int, int]], ids: list[str]) -> list[PersonLink]:
    links: dict[str, PersonLink] = {}
    for start, end, k in sorted(spans):
        end = min(end, len(text))
        # Trim what spaces the span took from where a fence stood
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end or k >= len(ids):
            continue
        vid = ids[k]
        link = links.get(vid)
        if link is None:
            link = links[vid] = PersonLink(id=None, name=text[start:end], how="markup",
                                           volume_id=vid)
        link.mentions.append(Mention(text[start:end], start, end))
    return list(links.values())
