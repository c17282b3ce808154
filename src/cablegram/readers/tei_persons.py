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
    pieces = _pieces(text)
    out: list[str] = []
    size = 0  # len("".join(out))
    prev = "\n"  # the last character out (a line start before any)
    opened: list[tuple[int, int]] = []  # (position, index into ids) of open fences
    spans: list[tuple[int, int, int]] = []
    n = 0
    last = len(pieces) - 1
    for i in range(0, len(pieces), 2):
        chunk = pieces[i]
        if chunk:
            first = chunk[0]
            if first == " " and (prev == " " or prev == "\n"):
                chunk = chunk[1:]  # a fence stood alone between spaces, or opened a line
            elif first == "\n" and prev == " ":
                size -= 1  # a fence stood alone at the end of a line
                out[-1] = out[-1][:-1]
                if not out[-1]:
                    out.pop()
            if chunk:
                out.append(chunk)
                size += len(chunk)
                prev = chunk[-1]
        if i == last:
            break
        if pieces[i + 1] == OPEN:
            opened.append((size, n))
            n += 1
        elif opened:
            start, k = opened.pop()
            spans.append((start, size, k))
    if out and out[-1].endswith(" "):
        out[-1] = out[-1][:-1]
    clean = "".join(out)
    return clean, _links(clean, spans, ids)


def _pieces(text: str) -> list[str]:
    """[chunk, fence, chunk, ..., fence, chunk]: the text between fences, and each fence.

    (Two str.split are several times faster than one regex split over a long text.)
    """
    out: list[str] = []
    for j, part in enumerate(text.split(OPEN)):
        if j:
            out.append(OPEN)
        chunks = part.split(CLOSE)
        out.append(chunks[0])
        for chunk in chunks[1:]:
            out.append(CLOSE)
            out.append(chunk)
    return out


def _links(text: str, spans: list[tuple[int, int, int]], ids: list[str]) -> list[PersonLink]:
    links: dict[str, PersonLink] = {}
    for start, end, k in sorted(spans):
        # Trim what spaces the span took from where a fence stood
        name = text[start:end]
        stripped = name.strip()
        if not stripped or k >= len(ids):
            continue
        start += len(name) - len(name.lstrip())
        end = start + len(stripped)
        vid = ids[k]
        link = links.get(vid)
        if link is None:
            link = links[vid] = PersonLink(id=None, name=stripped, how="markup", volume_id=vid)
        link.mentions.append(Mention(stripped, start, end))
    return list(links.values())
