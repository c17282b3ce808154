"""Heading-only catalog entries of the microfiche supplements.

"3. Letter from Fisk to McCloy, March 2. Transmits final report ... Top Secret. 71 pp.
Kennedy Library, National Security Files, ..." — lead, date, summary, classification, pages,
archive. The pieces go through the shared field parsers; only the cutting happens here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablegram.errors import FieldError
from cablegram.fields import (
    Dateline,
    Heading,
    SourceNote,
    parse_date_text,
    parse_heading,
    parse_source_note,
)

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_NUMBER = re.compile(r"^\s*(\d+[A-Za-z]?)\.\s+")
# ", March 2", ", March 2-3", ", December 12, 1962", ", September 1962", ", undated".
_DATE = re.compile(
    rf",\s+(?P<date>(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?(?:,\s*\d{{4}})?)"
    rf"|(?:{_MONTHS})\.?\s+\d{{4}}|undated)(?=[,.;\s]|$)"
)
_CLASSES = (
    "Top Secret|Secret|Confidential|Limited Official Use|Official Use Only|Unclassified|"
    "No classification marking|No classification"
)
# The classification sentence starts a sentence; pages and the archive follow it.
_TAIL = re.compile(
    rf"(?:^|(?<=[.”\"]\s))(?P<cls>(?:{_CLASSES})\b[^.]*?(?:\.|,(?=\s*\d+\s*pp?\.)))\s*"
    r"(?:(?P<pages>\d+)\s*pp?\.\s*)?(?P<archive>.*)$",
    re.DOTALL,
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(slots=True)
class CatalogEntry:
    number: str | None = None
    heading: Heading = field(default_factory=Heading)
    date_text: str | None = None
    dateline: Dateline = field(default_factory=Dateline)
    summary: str | None = None
    classification_text: str | None = None
    pages: int | None = None
    archive: str | None = None
    source: SourceNote = field(default_factory=SourceNote)


def parse_catalog_entry(
    text: str, *, default_year: int | None, years: tuple[int, int] | None
) -> CatalogEntry:
    """Cut a catalog heading into its parts and parse each with the shared parsers."""
    entry = CatalogEntry()
    m = _NUMBER.match(text)
    if m:
        entry.number = m.group(1)
        text = text[m.end() :]
    d = _DATE.search(text)
    if d:
        lead, rest = text[: d.start()], text[d.end() :]
        entry.date_text = d.group("date")
    else:
        lead, _, rest = text.partition(". ")
    t = _TAIL.search(rest)
    summary = rest[: t.start()] if t else rest
    entry.summary = summary.strip(" ,.") or None
    if t:
        entry.classification_text = t.group("cls").removesuffix(",").removesuffix(".") + "."
        entry.pages = int(t.group("pages")) if t.group("pages") else None
        entry.archive = t.group("archive").strip() or None
    try:
        entry.heading = parse_heading(lead.strip())
        if t:
            archive = (entry.archive or "").rstrip(".")
            entry.source = parse_source_note(f"Source: {archive}. {entry.classification_text}")
        if entry.date_text:
            entry.dateline = _date(entry.date_text, default_year, years)
    except FieldError:
        pass  # an unparseable piece stays empty; the heading text is kept as the title
    return entry


def _date(text: str, default_year: int | None, years: tuple[int, int] | None) -> Dateline:
    if text == "undated":
        return Dateline()
    has_year = _YEAR.search(text) is not None
    if has_year or default_year is not None:
        return parse_date_text(text, default_year=default_year)
    if years is not None:
        # No year printed and none from the chapter: the volume's span bounds the date.
        return Dateline(not_before=f"{years[0]}-01-01", not_after=f"{years[1]}-12-31")
    return Dateline()


def year_of(title: str) -> int | None:
    """A chapter or compilation title's year ("January 1961"), if it names exactly one."""
    found = set(_YEAR.findall(title))
    return int(found.pop()) if len(found) == 1 else None
