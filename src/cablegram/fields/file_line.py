"""The file-number line of the older FRUS volumes (1861–1950s), printed above a heading.

"124.616/381: Telegram", "740.0011 European War 1939/14641: Telegram", "Paris Peace
Conf. 184.63/13: Telegram", "123 Standley, Wm. H./15", "Moscow Embassy Files: Lot F–96",
"File No. 763.72/1234". The TEI keeps it as an inline source note; a page prints it as a
line of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablegram.errors import FieldError


class FileLineError(FieldError):
    """Not text."""


@dataclass(frozen=True, slots=True)
class FileLine:
    file: str  # "124.616/381", "Moscow Embassy Files: Lot F–96"
    doc_type: str | None = None  # "Telegram", "Circular telegram", "Airgram"


_FILE_LINE = re.compile(
    r"^(?P<file>(?:File\s+No\.\s*)?(?:Paris\s+Peace\s+Conf\.\s*)?"
    # A decimal file with its subject words, then "/" and a serial holding a digit.
    r"(?:\d{3}[A-Z]?(?:\.[\w]+)?(?:\s[\w.,'’()&-]+){0,6}?/[\w.–—-]*\d[\w.–—-]*"
    r"(?:\s*\[[^\]]{1,40}\])?"
    # An embassy's or an office's own files, by lot.
    r"|[A-Z][\w.’'-]*(?:\s[\w.’'-]+){0,5}\sFiles?:\s*Lot\s+[\w–-]*\d[\w–-]*))"
    r"(?::\s*(?P<type>[A-Z][a-z]+(?:\s[a-z]+){0,2}))?\.?$"
)


def parse_file_line(text: str) -> FileLine | None:
    """The file number and document type of a file-number line, or None if it is not one."""
    if not isinstance(text, str):
        raise FileLineError(f"not text: {type(text).__name__}")
    s = " ".join(text.split())
    if len(s) > 120:
        return None
    m = _FILE_LINE.match(s)
    if m is None:
        return None
    return FileLine(m.group("file"), m.group("type"))
