"""Layout 1: a history.state.gov document page as a researcher copies or saves it as text.

Site chrome before (skip link, breadcrumbs, the volume's title, "Document N"), the heading
with its source note's number glued on ("…Nixon1", "…Union 0"), the dateline, the body
with note numbers glued to words, years and telegram numbers ("1974,2", "2607.2") and
"[Page N]" inline (mid-sentence or on a line of its own), the notes list in one of three
shapes ("1. Source: …↩", "- Source: …↩", "1. Source: …"), then the citation box and the
footer. Some pages are hard-wrapped ("save as text"), some reposted inside another site's
text, and one chapter per volume is a single page of several documents.
"""

from __future__ import annotations

import textwrap

from cablegram.record import Collection, Record
from render._hsg_common import (
    SITE,
    Doc,
    PageCounter,
    Para,
    build_doc,
    chapter_run,
    volume_line,
)

LAYOUT = "hsg-text"


def _para_text(para: Para) -> str:
    text = para.text
    inserts: list[tuple[int, str]] = [(m.pos, m.n) for m in para.marks]
    inserts += [(pos, f" [Page {p}]" if pos else f"[Page {p}] ") for pos, p in para.pages]
    for pos, what in sorted(inserts, key=lambda x: x[0], reverse=True):
        text = text[:pos] + what + text[pos:]
    return text


def _doc_lines(doc: Doc, style: int) -> list[str]:
    heading = f"{doc.number}. {doc.title}"
    if doc.source_mark is not None:
        heading += (" " if doc.source_mark == "0" else "") + doc.source_mark
    lines = [heading]
    if doc.dateline:
        lines.append(doc.dateline)
    for para in doc.paras:
        if para.pages and para.pages[0][0] == 0 and style == 1:
            # The site floats the page number: copied, it may stand on a line of its own.
            lines.append(f"[Page {para.pages[0][1]}]")
            para = Para(para.text, para.marks, para.pages[1:])
        lines.append(_para_text(para))
    for n, text in doc.notes:
        parts = text.split("\n\n")
        if style == 0:
            parts[0] = f"{n}. {parts[0]}"
            parts[-1] += "↩"
        elif style == 1:
            parts[0] = f"- {parts[0]}"
            parts[-1] += "↩"
        else:
            parts[0] = f"{n}. {parts[0]}"
        lines += parts
    return lines


def _chrome_before(collection: Collection, label: str) -> list[str]:
    return ["Skip to main content", "Office of the Historian", "Search", "Home",
            f"Home › Historical Documents › {volume_line(collection)} › {label}",
            volume_line(collection), label, "‹ Previous", "Next ›"]


def _chrome_after(url: str) -> list[str]:
    return ["Cite this page", url, "Office of the Historian", "Bureau of Public Affairs",
            "United States Department of State", "history@state.gov",
            "Phone: 202-955-0200"]


def _page(lines: list[str], wrap: bool) -> str:
    if not wrap:
        return "\n".join(lines) + "\n"
    # A browser wraps at spaces only: URLs and hyphenated words stay whole.
    fill = textwrap.TextWrapper(72, break_on_hyphens=False, break_long_words=False).fill
    return "\n\n".join(fill(s) for s in lines) + "\n"


def render(collection: Collection, records: list[Record]) -> list[tuple[str, str]]:
    """One page per document; the documents of one chapter on one page."""
    pages = PageCounter()
    chapter = {id(r) for r in chapter_run(records)}
    out: list[tuple[str, str]] = []
    chapter_lines: list[str] = []
    first = ""
    for i, rec in enumerate(records):
        doc = build_doc(collection, rec, pages)
        body = _doc_lines(doc, i % 3)
        if id(rec) in chapter:
            first = first or doc.number
            chapter_lines += body
            continue
        lines = _chrome_before(collection, f"Document {doc.number}") + body
        lines += _chrome_after(doc.url)
        if i % 7 == 3:  # a repost: another site's text around the page
            lines = ["Cold War Documents Forum", "Posted by a reader, 12 March 2021",
                     "Found this on the State Department's history site:", *lines,
                     "3 comments", "Reply", "Powered by a forum engine"]
        # Half the files name no volume: the citation box's URL does.
        tail = doc.url.rsplit("/", 1)[-1]  # the site's id of the document: "d302a"
        name = f"{collection.id}_{tail}.txt" if i % 2 == 0 else f"page-{i}.txt"
        out.append((name, _page(lines, wrap=i % 5 == 4)))
    if chapter_lines:
        url = f"{SITE}/{collection.id}/ch-{first}"
        lines = _chrome_before(collection, "Chapter") + chapter_lines + _chrome_after(url)
        out.append((f"chapter-{first}.txt", _page(lines, wrap=False)))
    return out
