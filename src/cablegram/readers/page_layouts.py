"""Text layouts of FRUS pages, described as data and read by the one splitter (text_split).

A layout says how a reader recognises its pages and where their documents end; everything
that all layouts share (headings, datelines, "/n/" notes, a source note printed as
"//Source:" or as note "/1/Source: …") the splitter knows for every layout, so that a page
that mixes them (a repost, a copy pasted from two sites) still reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablegram.readers.text_layout import CHROME, END_MARKER


@dataclass(frozen=True, slots=True)
class PageLayout:
    """How one layout looks."""

    name: str  # the reader's name, as `--format` and Record.format give it
    # The page is this layout when every one of `marks`, and one of `hints` at least, finds
    # a line in its head.
    marks: tuple[re.Pattern[str], ...]
    hints: tuple[re.Pattern[str], ...]
    # A line after which nothing is a document (site chrome follows).
    end: re.Pattern[str]
    # Lines at the end of a page (without its end line) that are site chrome.
    trailing_chrome: re.Pattern[str] = CHROME


_HEADING_LINE = re.compile(r"(?m)^\d{1,5}[A-Za-z]?\.\s+[A-Z]")

# Layout 4, the seed's (`003_…txt`): "//Source:" notes, notes gathered after the body,
# "[end of document]" before the closing chrome.
FRUS_TEXT = PageLayout(
    name="frus-text",
    marks=(_HEADING_LINE,),
    hints=(re.compile(r"(?m)^//\s*Source:"),),
    end=END_MARKER,
)

# Layout 3, the Department's 2001–2009 site (www.state.gov/r/pa/ho/frus) and the older
# www.state.gov/www/about_state/history pages, as saved and mirrored: the source note is
# note 1 ("/1/Source: …", cited by the heading), every note stands after the paragraph
# that cites it, and a "Return to …" line closes the documents.
FRUS_2001 = PageLayout(
    name="frus-2001",
    marks=(_HEADING_LINE,),
    # Its source notes, or (a page whose documents have none) its title lines or the older
    # site's one-line "flag bar". A lone "Document 164" line is not enough: other sites
    # print one too.
    hints=(re.compile(r"(?m)^/1/\s*Source:"),
           re.compile(r"(?m)^Released by the Office of the Historian\s*$"),
           re.compile(r"(?m)^Documents \d+[A-Za-z]?\s*[-–]\s*\d+[A-Za-z]?\s*$"),
           re.compile(r"(?m)^flag bar\s*$")),
    end=re.compile(r"^(\[end of document\]|Return to (this volume|the table of contents|"
                   r"the (volume|chapter|documents) (home )?page)\b.*)$", re.I),
)

LAYOUTS: tuple[PageLayout, ...] = (FRUS_2001, FRUS_TEXT)


def detect_layout(head: str) -> PageLayout | None:
    """The layout whose marks are all in `head`, or None."""
    for layout in LAYOUTS:
        if all(m.search(head) for m in layout.marks) and any(
                h.search(head) for h in layout.hints):
            return layout
    return None
