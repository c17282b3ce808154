"""Printed-page markers ("[Page 412]") that history.state.gov sets inline, even mid-sentence.

They are dropped from the text; the page numbers are kept, so that a reader can say on
which printed pages each paragraph stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablegram.errors import FieldError


class PageMarkError(FieldError):
    """A page number that is not one."""


PAGE_MARK = re.compile(r"\[Page\s+([0-9]{1,5}|[ivxlcdmIVXLCDM]{1,8})\]")
_MARK_WITH_SPACE = re.compile(r"(\s*)\[Page\s+([0-9]{1,5}|[ivxlcdmIVXLCDM]{1,8})\]\s*")


@dataclass(slots=True)
class PageMarks:
    """A paragraph without its page markers, and the pages that begin in it, in order."""

    text: str
    pages: list[str] = field(default_factory=list)


def drop_page_marks(text: str) -> PageMarks:
    """"the [Page 412] Soviet" -> "the Soviet", pages ["412"]; only the marker's own spaces go."""
    pages: list[str] = []

    def cut(m: re.Match[str]) -> str:
        pages.append(m.group(2))
        before = text[: m.start()]
        after = text[m.end() :]
        # One space between two words; none at an edge or before punctuation.
        if not before or not after or after[0] in ",.;:!?)]”’":
            return ""
        return " "

    cleaned = _MARK_WITH_SPACE.sub(cut, text)
    if not pages:
        return PageMarks(text)
    return PageMarks(cleaned, pages)


def page_before(page: str) -> str | None:
    """The page printed before `page` ("412" -> "411"; None for page 1 or a roman numeral)."""
    if not re.fullmatch(r"[0-9]{1,5}|[ivxlcdmIVXLCDM]{1,8}", page):
        raise PageMarkError(f"not a page number: {page!r}")
    if not page.isdigit() or int(page) <= 1:
        return None
    return str(int(page) - 1)
