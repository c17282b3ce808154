"""A document of an older volume as history.state.gov prints it (not a discovered layout:
the pre-1945 shape of layouts 1 and 2, used by tests/readers/test_hsg_old_pages.py).

The file-number line (the TEI's inline source note, "741.90G/1–1048: Telegram"), the
heading without its number, the dateline ("London, January 10, 1948—6 p.m."), the body
with glued marks and "[Page N]", the notes list. Learnt from pages such as
https://history.state.gov/historicaldocuments/frus1941v04/d552 and
https://history.state.gov/historicaldocuments/frus1919Parisv11/d198; the HTML follows
hsg-shell's `resources/odd/source/frus.odd` (an inline note is a paragraph of its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from cablegram.record import Collection, Record
from render import hsg_html, hsg_text
from render._hsg_common import Doc, PageCounter, build_doc


@dataclass(frozen=True)
class Shape:
    """How one page varies: where the file line stands, whether the dateline is printed,
    how the notes are listed, whether the site's chrome is around it."""

    file_after: bool = False
    dateline: bool = True
    arrows: bool = False
    chrome: bool = True
    # The list as a browser copies an ordered list: counted from 1, whatever the volume's
    # note numbers (the marks in the text keep them).
    counted: bool = False


def old_doc(collection: Collection, rec: Record) -> tuple[Doc, str]:
    """The document's parts without a source note among its notes, and its file line."""
    doc = build_doc(collection, rec, PageCounter())
    if doc.source_mark is not None:
        doc.notes, doc.source_mark = doc.notes[1:], None
    if doc.dateline:  # the older volumes join the time with a dash: "1948—6 p.m."
        doc.dateline = re.sub(r"(\d{4}), (?=\d{1,2}(?::\d\d)? [ap]\.m\.)", r"\1—", doc.dateline)
    return doc, (rec.source_note or "").strip()


def text_page(collection: Collection, rec: Record, shape: Shape) -> str:
    doc, file_line = old_doc(collection, rec)
    head = [doc.title, file_line] if shape.file_after else [file_line, doc.title]
    lines = [*head, *([doc.dateline] if shape.dateline and doc.dateline else [])]
    lines += [hsg_text._para_text(p) for p in doc.paras]
    for k, (n, text) in enumerate(doc.notes, start=1):
        parts = text.split("\n\n")
        listed = str(k) if shape.counted else n
        bullet = shape.arrows and not shape.counted
        parts[0] = f"- {parts[0]}" if bullet else f"{listed}. {parts[0]}"
        if shape.arrows:
            parts[-1] += "↩"
        lines += parts
    if shape.chrome:
        lines = (hsg_text._chrome_before(collection, f"Document {doc.number}") + lines
                 + hsg_text._chrome_after(doc.url))
    return "\n".join(lines) + "\n"


def html_page(collection: Collection, rec: Record, shape: Shape) -> str:
    doc, file_line = old_doc(collection, rec)
    inner = hsg_html._doc_html(doc, {})
    # The heading without its number; the file line a paragraph before or after it.
    heading = f'<h3 class="tei-head">{escape(f"{doc.number}. {doc.title}")}</h3>'
    assert inner[1] == heading, inner[1]
    file_p = f'<p class="tei-note" style="font-size: smaller;">{escape(file_line)}</p>'
    bare = f'<h3 class="tei-head">{escape(doc.title)}</h3>'
    inner[1:2] = [bare, file_p] if shape.file_after else [file_p, bare]
    if not shape.dateline:
        inner = [ln for ln in inner if 'class="tei-dateline"' not in ln]
    return hsg_html._page(collection, f"Document {doc.number}", doc.url, 0, inner)
