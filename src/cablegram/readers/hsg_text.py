"""history.state.gov document pages saved or copied as text (layout "hsg-text").

Select-all-and-copy gives one line per paragraph; a browser's "save as text" may wrap
lines and separate paragraphs with blank lines. Either way the page's lines go to
`readers.hsg_page`.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cablegram.errors import ReadError
from cablegram.readers.hsg_layout import PageLine
from cablegram.readers.hsg_page import read_page
from cablegram.readers.hsg_unnumbered import has_old_heading
from cablegram.readers.text_io import DecodeReport, iter_lines, iter_paragraphs
from cablegram.record import Batch

# Wrapped lines are at most this long; a copied page has paragraph-long lines.
_WRAP = 100
_HSG_URL = re.compile(r"history\.state\.gov/historicaldocuments")
# The 2001–2009 site says "Released by the Office of the Historian": not this layout.
_HSG = re.compile(r"(?<!Released by the )Office of the Historian")
_NOTE_BACK = re.compile(r"(?m)↩\s*$")
_LISTED_SOURCE = re.compile(r"(?m)^\d{1,5}[A-Za-z]?\.\s+\S[^\n]*\n(?:\s*\n)?Source:\s")
# How far down a copied page the file-number line and its heading are looked for.
_OLD_HEAD_LINES = 60
_TEXT_LAYOUT = re.compile(r"(?m)^(?://\s*Source:|/\d{1,3}/\S|Documents \d+\s*[-–]\s*\d+\s*$)")


class HsgTextReader:
    """Reader "hsg-text": one document (or a chapter's documents) per page."""

    name = "hsg-text"

    def __init__(self, collection: str | None = None) -> None:
        self.collection = collection

    def detect(self, head: bytes, path: Path) -> bool:
        text = head.decode("utf-8", errors="replace")
        if text.lstrip().startswith("<"):
            return False
        if _HSG_URL.search(text) or _NOTE_BACK.search(text):
            return True  # the site's own address, or its notes' "↩"
        if len(_LISTED_SOURCE.findall(text)) >= 2 and not _TEXT_LAYOUT.search(text):
            return True  # a chapter page: each heading with the site's bare "Source:" line
        if has_old_heading(text.splitlines()[:_OLD_HEAD_LINES]):
            return True  # an older volume's file-number line by its unnumbered heading
        # Else "Office of the Historian", unless the text layout's "//Source:" and "/1/"
        # notes show an older rendering (the Department's 2001–2009 site).
        return bool(_HSG.search(text)) and not _TEXT_LAYOUT.search(text)

    def read(self, path: Path) -> Iterator[Batch]:
        report = DecodeReport()
        with _open(path) as f:
            raw = list(iter_lines(f, path, report))
        lines = page_lines(raw)
        batch = read_page(lines, path, fmt=self.name, collection=self.collection)
        warning = report.warning()
        if warning:
            batch.warnings.insert(0, warning)
        yield batch


def page_lines(raw: list[tuple[int, str]]) -> list[PageLine]:
    """Paragraphs: blank-line separated when the lines are wrapped, else one per line."""
    longest = max((len(s) for _, s in raw), default=0)
    wrapped = longest <= _WRAP and any(not s.strip() for _, s in raw)
    if wrapped:
        return [PageLine(p.lineno, p.text) for p in iter_paragraphs(raw)]
    return [PageLine(n, s.strip(), _indent(s)) for n, s in raw if s.strip()]


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _open(path: Path) -> BinaryIO:
    try:
        with path.open("rb") as f:
            gz = f.read(2) == b"\x1f\x8b"
        return gzip.open(path, "rb") if gz else path.open("rb")  # type: ignore[return-value]
    except OSError as e:
        raise ReadError(path, f"cannot read: {e}") from None
