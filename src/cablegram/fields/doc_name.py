"""A FRUS document's volume and number from its history.state.gov URL or a saved file's name.

`https://history.state.gov/historicaldocuments/frus1969-76v15/d164` -> frus1969-76v15, 164;
`frus1969-76v15_d164.txt` -> frus1969-76v15, 164; `d164.html` -> number 164 only;
`…/frus1969-76v15/ch3` -> the volume only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablegram.errors import FieldError


class DocNameError(FieldError):
    """Not a name or URL (e.g. not text)."""


@dataclass(frozen=True, slots=True)
class DocName:
    collection: str | None = None
    number: str | None = None


# Volume ids as history.state.gov spells them: frus1969-76v15, frus1964-68v24,
# frus1977-80v17p3, frus1961-63v07-09mSupp, frus1952-54Guat, frus1917-72PubDip, frus1948v01p1.
_VOLUME = r"frus\d{4}(?:-\d{2})?[A-Za-z0-9-]*"
_URL = re.compile(
    rf"https?://(?:www\.)?history\.state\.gov\.?/historicaldocuments/(?P<vol>{_VOLUME})"
    r"(?:/(?P<part>[A-Za-z0-9_-]+))?",
)
_DOC = re.compile(r"d(\d{1,5}[A-Za-z]?)")
_FILE = re.compile(
    rf"^(?:(?P<vol>{_VOLUME}?)[_ .-]+)?(?P<doc>d\d{{1,5}}[A-Za-z]?)$|^(?P<only>{_VOLUME})$"
)
_SUFFIXES = (".gz", ".txt", ".text", ".html", ".htm", ".xhtml")


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise DocNameError(f"not text: {type(value).__name__}")
    return value


def parse_doc_url(url: str) -> DocName | None:
    """The volume and document number of a history.state.gov URL, or None if it is not one."""
    m = _URL.search(_text(url))
    if m is None:
        return None
    part = m.group("part")
    doc = _DOC.fullmatch(part) if part else None
    return DocName(m.group("vol"), doc.group(1) if doc else None)


def find_doc_url(text: str) -> str | None:
    """The first history.state.gov document or volume URL in a text."""
    m = _URL.search(_text(text))
    return m.group(0) if m else None


def parse_file_name(name: str) -> DocName | None:
    """The volume and document number a saved page's file name gives, or None."""
    base = _text(name).rsplit("/", 1)[-1]
    lowered = base.lower()
    for _ in range(2):  # "….txt.gz"
        for suffix in _SUFFIXES:
            if lowered.endswith(suffix):
                base, lowered = base[: -len(suffix)], lowered[: -len(suffix)]
    m = _FILE.match(base)
    if m is None:
        return None
    if m.group("only"):
        return DocName(m.group("only"), None)
    return DocName(m.group("vol") or None, m.group("doc")[1:])
