"""Printed text of TEI elements: notes taken out, paragraphs and line breaks kept.

For speed the layout is marked in the tree itself (sentinel characters in tails), the text is
serialised by libxml2 in one call (`tostring(method="text")`), and the sentinels become blank
lines and newlines while whitespace is normalised. Per-element Python work is kept to setting
tails on block elements.
"""

from __future__ import annotations

from typing import cast

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
FRUS_NAMESPACES = ("http://history.state.gov/ns/1.0", "http://history.state.gov/frus/ns/1.0")
ATTACHMENTS = frozenset(f"{{{ns}}}attachment" for ns in FRUS_NAMESPACES)

(NOTE, HEAD, DATELINE, OPENER, CLOSER, SIGNED, P, LIST, ITEM, LABEL, TABLE, ROW, CELL, LB,
 REF, DATE, TIME, PLACENAME, PERSNAME, PB, FIGURE, GAP, SALUTE, QUOTE, POSTSCRIPT) = (
    TEI + t
    for t in [
        "note", "head", "dateline", "opener", "closer", "signed", "p", "list", "item", "label",
        "table", "row", "cell", "lb", "ref", "date", "time", "placeName", "persName", "pb",
        "figure", "gap", "salute", "quote", "postscript",
    ]
)

# Sentinels for a line break and a paragraph break: private-use characters (absent from the
# corpus) that are not whitespace, so that one str.split() over a whole text keeps them.
LINE = "\ue001"
PARA = "\ue000"

# Elements that end a paragraph, and elements that end a line.
_PARA_END = (P, LIST, TABLE, HEAD, DATELINE, CLOSER, SALUTE, OPENER, TEI + "ab", *ATTACHMENTS)
_LINE_END = (ITEM, ROW, SIGNED, LB)
# What each marked element gets at the start of its tail (one pass over the tree).
_MARKS = {**dict.fromkeys(_PARA_END, PARA), **dict.fromkeys(_LINE_END, LINE), CELL: " | "}
_MARKED = tuple(_MARKS)


# libxml2 joins and normalises the text in C; the sentinels are not XML whitespace, so they stay.
# (regexp=False: the EXSLT regular expressions are not registered anew on every call.)
_NORMALISED = etree.XPath("normalize-space(.)", smart_strings=False, regexp=False)


def norm(s: str) -> str:
    """Collapse XML whitespace; paragraph sentinels become blank lines, line sentinels newlines."""
    if LINE not in s and PARA not in s:
        return " ".join(s.split())
    return _sentinels(" ".join(s.split()))


def _sentinels(s: str) -> str:
    """Sentinels of a whitespace-normalised text into blank lines and newlines.

    (Splitting is cheaper than str.replace with patterns that start with a space.)
    """
    out = []
    for para in s.split(PARA):
        if LINE in para:
            # A table row ends with its last cell's " | ".
            lines = (line.strip().removesuffix(" |") for line in para.split(LINE))
            para = "\n".join(line for line in lines if line)
        else:
            para = para.strip().removesuffix(" |")
        if para:
            out.append(para)
    return "\n\n".join(out)


def text_of(el: etree._Element) -> str:
    """The normalised text of an element, its own tail excluded."""
    return laid_out(raw_text(el))


def raw_text(el: etree._Element) -> str:
    """The text of an element with its sentinels still in: `laid_out` turns them to breaks."""
    return cast(str, _NORMALISED(el))


def laid_out(s: str) -> str:
    """A `raw_text` with its paragraph and line breaks."""
    if LINE in s or PARA in s:
        return _sentinels(s)
    return s


def mark_layout(doc: etree._Element) -> None:
    """Put the paragraph and line sentinels into the tails of block elements."""
    marks = _MARKS
    for el in doc.iter(*_MARKED):
        tail = el.tail
        el.tail = marks[el.tag] + tail if tail else marks[el.tag]


def blank(el: etree._Element) -> None:
    """Empty an element but keep the text that follows it (a note, a heading already read)."""
    el.clear(keep_tail=True)  # type: ignore[call-arg]  # (missing from lxml-stubs)




def lines_of(el: etree._Element) -> list[str]:
    """The lines of a marked element (a closer: one signature block per line or more)."""
    return [line for line in text_of(el).replace("\n\n", "\n").split("\n") if line]
