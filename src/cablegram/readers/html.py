"""HTML renderings of FRUS volumes: converted to text paragraphs, then read as frus-text.

Block elements become paragraphs; a footnote marker (`<sup>1</sup>`, `<a class="note">1</a>`)
becomes "/1/" as in the text layout; scripts, styles and navigation are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree, html

from cablegram.errors import ReadError
from cablegram.readers.text import read_paragraphs
from cablegram.readers.text_io import DecodeReport, Paragraph, decode_line
from cablegram.record import Batch

# HTML is parsed whole; a page this large is not a saved web page.
MAX_HTML_BYTES = 64 << 20

BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table",
    "blockquote", "section", "article", "header", "footer", "hr", "pre", "dt", "dd", "dl",
    "br", "address", "main", "aside", "figure", "figcaption", "center",
})
DROP_TAGS = frozenset({
    "script", "style", "noscript", "head", "nav", "form", "button", "select", "iframe", "svg",
    "template",
})
NOTE_MARK = re.compile(r"^\s*\[?(\d{1,3})\]?\s*$")


class HtmlReader:
    """Reader "frus-html": history.state.gov-style pages of FRUS documents."""

    name = "frus-html"

    def __init__(self, collection: str | None = None) -> None:
        self.collection = collection

    def detect(self, head: bytes, path: Path) -> bool:
        low = head[:65536].lower()
        if b"http://www.tei-c.org/ns/1.0" in low:
            return False
        return (b"<html" in low or b"<!doctype html" in low) and (
            b"foreign relations of the united states" in low
        )

    def read(self, path: Path) -> Iterator[Batch]:
        try:
            size = path.stat().st_size
            if size > MAX_HTML_BYTES:
                raise ReadError(path, f"an HTML page of {size >> 20} MiB: too large to be one")
            raw = path.read_bytes()
        except OSError as e:
            raise ReadError(path, f"cannot read: {e}") from None
        report = DecodeReport()
        text = decode_line(raw, 1, report)
        warnings = ["not valid UTF-8; stray bytes were read as cp1252"] * bool(report.bad_lines)
        paragraphs = html_paragraphs(text, path)
        batch = read_paragraphs(paragraphs, path, fmt=self.name, collection=self.collection)
        batch.warnings[:0] = warnings
        yield batch


def html_paragraphs(text: str, path: Path) -> list[Paragraph]:
    """The page's text as paragraphs, footnote markers written "/n/"."""
    if not text.strip():
        raise ReadError(path, "the file is empty")
    parser = html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, encoding="utf-8"
    )
    try:
        root = html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise ReadError(path, f"not readable as HTML: {e}") from None
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        joined = re.sub(r"\s+", " ", "".join(buf)).strip()
        if joined:
            out.append(joined)
        buf.clear()

    def walk(el: etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in DROP_TAGS:
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in BLOCK_TAGS
        if block:
            flush()
        mark = (NOTE_MARK.match("".join(str(t) for t in el.itertext()))
                if tag in ("sup", "a") else None)
        is_note = tag == "sup" or "note" in (el.get("class") or "")
        if mark and is_note:
            buf.append(f"/{mark.group(1)}/")
        else:
            if el.text:
                buf.append(el.text)
            for child in el:
                walk(child)
        if block:
            flush()
        if el.tail:
            buf.append(el.tail)

    walk(root)
    flush()
    # Each block is one paragraph, as in the text layout.
    return [Paragraph(lineno=i + 1, lines=[p]) for i, p in enumerate(out)]
