"""What the parts of a history.state.gov document page are, once it is lines of text.

The layout as data: how the site's chrome, a note item of the notes list ("1. Source: …",
"- Source: …↩"), and a document heading look. `readers.hsg_page` reads a page with these;
the values inside come from the shared parsers in `cablegram.fields`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablegram.errors import FieldError
from cablegram.fields import parse_heading
from cablegram.fields.page_marks import drop_page_marks
from cablegram.readers.text_layout import HEADING, is_dateline, is_heading_text

BACK = "↩"  # the site's link from a note back to its mark

# A note item: numbered ("1. Source: …", as an ordered list is copied), bulleted
# ("- Source: …↩", as a browser saves a list as text) or bare ("Source: …↩").
NOTE_ITEM = re.compile(r"^(?:(?P<n>\d{1,3})\.\s+|[-•*–]\s+)?(?P<text>\S.*)$", re.S)
SOURCE_NOTE = re.compile(r"^Source:\s*", re.I)
# How far a note item may run over several paragraphs before its "↩".
MAX_NOTE_PARAGRAPHS = 8

# Site text around a document: navigation, headers, the citation box and the footer.
# A line that *starts* the footer ends the page's content.
FOOTER_START = re.compile(
    r"^(Office of the Historian|Bureau of Public Affairs|United States Department of State"
    r"|Cite this page:\s*https?://\S+"
    r"|Cite this page|How to cite|Suggested citation|Back to top|Share this page"
    r"|history@state\.gov|Phone: .*|Contact us|Accessibility|Privacy(?: policy)?|FOIA"
    r"|Copyright information|Disclaimer|Website|External link policy|Open government"
    r"|Sign up for updates|Department Seal.*|flag|bar|flag bar"
    # Not any "Return to …": "Return to the Mainland" is a section heading in a body.
    r"|Return to (?:(?:the )?top|this volume.*|the table of contents.*|Foreign Relations.*"
    r"|the Department of State.*|.*home page.*))$",
    re.I,
)
# Lines of chrome that may stand anywhere around the document and never hold its text.
CHROME_LINE = re.compile(
    r"^(Home|Historical Documents|Search|Print|Share|Previous|Next|Top|Menu"
    r"|Document \d+[A-Za-z]?|‹?\s*Previous\s*›?|‹ Previous|Next ›|« .*|.* »"
    r"|Persons|Abbreviations & Terms|Abbreviations and Terms|Sources|Index"
    r"|Historical Documents Home|Office of the Historian.*|Foreign Relations of the United States"
    r"|Home\s*›.*|.*›.*)$",
    re.I,
)


@dataclass(slots=True)
class PageLine:
    """One paragraph of the page as copied (one line of a text page, one block of HTML)."""

    lineno: int
    text: str
    indent: int = 0  # leading spaces on a text page: a quoted paragraph may stand indented


@dataclass(slots=True)
class NoteItem:
    n: str | None
    text: str
    lineno: int


@dataclass(slots=True)
class PageDoc:
    """One document of the page: its heading line, body lines and notes list."""

    heading: PageLine
    number: str
    title: str
    body: list[PageLine] = field(default_factory=list)
    notes: list[NoteItem] = field(default_factory=list)


def heading_candidate(text: str, follow: str | None = None) -> tuple[str, str] | None:
    """(number, title) of a line shaped like a document heading, glued mark still on.

    `follow`, the next line: a dateline or source note after it makes a whole sentence a
    heading too (the catalog entries of the microfiche supplements end with a period)."""
    m = HEADING.match(text)
    if m is None or text.rstrip().endswith(BACK):  # a numbered note, not a heading
        return None
    title = m.group(2).strip()
    if SOURCE_NOTE.match(title):  # "1. Source: …", the first item of a notes list
        return None
    # The glued note number is not part of the heading's shape: "…Nixon1", "…Union 0".
    loose = re.sub(r"(?<=[^\d\s])\d{1,3}$|\s\d$|/\d{1,3}/$", "", title)
    # A heading may end with its own dateline: "…to President Nixon, Washington, May 2, 1973."
    loose = re.sub(r"(\b(?:1[789]|20)\d\d|\bundated|\d{4}Z|\b\d{1,2}:\d\d)\.$", r"\1", loose)
    if is_heading_text(loose):
        return m.group(1), title
    if follow is not None and (is_dateline(follow) or SOURCE_NOTE.match(
            NOTE_ITEM.sub(r"\g<text>", follow.strip()))) and is_heading_text(loose.rstrip(".")):
        return m.group(1), title
    return None


def note_start(text: str) -> re.Match[str] | None:
    return NOTE_ITEM.match(text.strip())


def closes_note(text: str) -> bool:
    return text.rstrip().endswith(BACK)


def strip_back(text: str) -> str:
    """A note's text without its "↩" (and the "↩¹ ↩²" of notes cited twice)."""
    return re.sub(r"(\s*↩[\d¹²³⁴⁵⁶⁷⁸⁹⁰]*)+\s*$", "", text).strip()


def is_footer(text: str) -> bool:
    return bool(FOOTER_START.match(text.strip()))


def is_chrome(text: str) -> bool:
    s = text.strip()
    return bool(CHROME_LINE.match(s) or FOOTER_START.match(s))


def next_text(lines: list[PageLine], i: int) -> str | None:
    """The line after line `i`, without its page markers (None at the end)."""
    return drop_page_marks(lines[i + 1].text).text if i + 1 < len(lines) else None


def number_next(number: str, prev: str) -> bool:
    """A document number right after `prev` ("165" after "164", "72A" after "72")."""
    a, b = number_key(number), number_key(prev)
    return a[0] == b[0] + 1 or (a[0] == b[0] and a[1] > b[1])


def number_after(number: str, prev: str) -> bool:
    """A document number anywhere after `prev`."""
    a, b = number_key(number), number_key(prev)
    return a > b


def number_key(n: str) -> tuple[int, str]:
    """A document number's sort key: its digits, then its letter ("72A" -> (72, "A"))."""
    digits = "".join(c for c in n if c.isdigit())
    return (int(digits) if digits else -1, n[len(digits):])


def names_document(line: str) -> bool:
    """A heading that names a document type ("164. Telegram From …"), not any numbered line."""
    try:
        return parse_heading(line).doc_type is not None
    except FieldError:
        return False
