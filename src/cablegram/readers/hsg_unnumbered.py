"""Pages of the older volumes (1861–1945): a heading without "N." and a file-number line.

history.state.gov prints such a document as "124.616/381: Telegram" (the TEI's inline
source note, a paragraph of its own), the heading "The Minister in Switzerland (Harrison)
to the Secretary of State", the dateline when there is one, then the body, whose first
paragraph may open with the telegram's number ("327. Your 580, …"): that is no heading.
The document's number is not on the page: it comes from the URL or the file name, and the
heading gets it here, so that the page then reads as any other (`hsg_split`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablegram.errors import FieldError
from cablegram.fields import parse_heading
from cablegram.fields.file_line import parse_file_line
from cablegram.fields.page_marks import drop_page_marks
from cablegram.readers.hsg_layout import PageLine, is_chrome
from cablegram.readers.text_layout import HEADING, is_dateline, is_heading_text

# The first note's number glued to the heading's last word: "…(Biddle)82", "…State 50".
_GLUED = re.compile(r"(?<=[^\d\s])\d{1,3}$|\s\d{1,3}$|/\d{1,3}/$")
_VOLUME_TITLE = "Foreign Relations of the United States"
# How many lines apart the file line and its heading may stand (a "[Page N]" between).
_NEAR = 2


@dataclass(frozen=True, slots=True)
class Unnumbered:
    """Where the unnumbered heading is, and the file-number line that goes with it."""

    heading: int  # index in the page's lines
    file_line: int | None  # index, or None when the dateline alone marks the heading


def is_unnumbered_heading(text: str, *, by_file_line: bool = False) -> bool:
    """"The X to the Y", "Memorandum by …": a heading's shape, without "N. " before it.

    `by_file_line`: a file-number line stands next to it, so any title's shape will do
    ("Document Prepared in the Department of State")."""
    s = drop_page_marks(text).text.strip()
    if HEADING.match(s) or is_chrome(s) or s.startswith(_VOLUME_TITLE) or is_dateline(s):
        return False
    loose = _GLUED.sub("", s).strip()
    if not is_heading_text(loose) or len(loose) > 300:
        return False
    if by_file_line:
        return True
    try:
        head = parse_heading(loose)
    except FieldError:
        return False
    return head.doc_type is not None or (head.sender is not None and head.recipient is not None)


def find_unnumbered(lines: list[PageLine]) -> Unnumbered | None:
    """The heading without a number next to the page's first file-number line (after it,
    else before it), or else the first such heading that a dateline follows."""
    texts = [drop_page_marks(ln.text).text.strip() for ln in lines]
    dated: Unnumbered | None = None
    for j, text in enumerate(texts):
        if _numbered_document(text):
            break  # a page of numbered documents: a heading below is an attachment's
        if _is_file_line(text):
            for i in (j + 1, j - 1, j + 2, j - 2):
                if 0 <= i < len(lines) and texts[i] and is_unnumbered_heading(
                        texts[i], by_file_line=True):
                    return Unnumbered(i, j)
        nxt = next((t for t in texts[j + 1 :] if t), "")
        if dated is None and is_dateline(nxt) and is_unnumbered_heading(text):
            dated = Unnumbered(j, None)
    return dated


def number_unnumbered(lines: list[PageLine], found: Unnumbered, number: str
                      ) -> tuple[list[PageLine], str | None]:
    """The page's lines with the heading numbered `number` and the file line taken out
    (it is the document's source note), and that file line."""
    out: list[PageLine] = []
    file_line: str | None = None
    for i, line in enumerate(lines):
        if i == found.file_line:
            file_line = drop_page_marks(line.text).text.strip()
            continue
        if i == found.heading:
            line = PageLine(line.lineno, f"{number}. {line.text.strip()}")
        out.append(line)
    return out, file_line


def has_old_heading(lines: list[str]) -> bool:
    """Detection: a file-number line next to an unnumbered heading near the page's top."""
    page = [PageLine(n, s) for n, s in enumerate(lines) if s.strip()]
    found = find_unnumbered(page)
    return found is not None and found.file_line is not None


def _numbered_document(text: str) -> bool:
    m = HEADING.match(text)
    if m is None:
        return False
    try:
        return parse_heading(text).doc_type is not None
    except FieldError:
        return False


def _is_file_line(text: str) -> bool:
    return bool(text) and parse_file_line(text) is not None
