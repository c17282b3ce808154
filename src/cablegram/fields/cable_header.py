"""Typewritten telegram headers, as OCR reads them from a scan.

Handles the usual blocks: FM/FROM, TO, INFO, NR/NO.; date-time groups ("271530Z OCT 62")
and date lines ("NOV20/62", "20-Nov-62", "November 20, 1962"); classification lines at top
and bottom; precedence (FLASH, IMMEDIATE, PRIORITY, ROUTINE, NIACT); SUBJ and REF lines;
and the Canadian style, with the post code and telegram number on the top line.

Pure: text in, a `CableHeader` out. Codes stay codes ("NATOPARIS"); the reader names the
posts through its glossary. OCR confusions that cannot be letters or digits in their place
("N0V20/62", "27l1") are read as what the place needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablegram.errors import FieldError

# Lines after which a header is no longer looked for: a header is short.
HEADER_LINES = 16

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTH = "|".join(MONTHS)
_MONTH_WORD = (r"(?:JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|"
               r"AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)")

CLASSIFICATIONS: dict[str, str] = {
    "TOP SECRET": "top secret",
    "SECRET": "secret",
    "CONFIDENTIAL": "confidential",
    "CONFD": "confidential",
    "RESTRICTED": "restricted",
    "LIMITED OFFICIAL USE": "limited official use",
    "OFFICIAL USE ONLY": "official use only",
    "UNCLASSIFIED": "unclassified",
    "UNCLAS": "unclassified",
}
PRECEDENCES = ("FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE", "NIACT", "OPIMMEDIATE")

_CLASS = "|".join(sorted((re.escape(c) for c in CLASSIFICATIONS), key=len, reverse=True))
_CLASS_LINE = re.compile(rf"^\s*(?:{_CLASS})\s*$", re.I)
_CLASS_IN = re.compile(rf"\b({_CLASS})\b", re.I)
_PREC_IN = re.compile(rf"\b({'|'.join(PRECEDENCES)})\b", re.I)
_FIELD = re.compile(r"^\s*(FM|FROM|TO|INFO|NR|NO|NUMBER|SUBJ|SUBJECT|REFS?|DATE)\b\s*[.:]?\s*(.*)$",
                    re.I)
# A post code: capitals, perhaps an OCR digit among them ("NAT0PARIS").
_CODE = re.compile(r"^[A-Z0-9]*[A-Z][A-Z0-9]*$")
_NUMBER = re.compile(r"^[0-9OolIS]{1,6}$")
_TOP = re.compile(r"^\s*([A-Z][A-Z0-9]{1,15})\s+(?:NO\.?\s*)?([0-9OolI]{1,6})\s*$")
_D = "[0-9OlIZSQ]"  # a digit as OCR may read it (Q: FreeMono's 9 at 150 dpi)
_DTG = re.compile(rf"\b({_D}?{_D})({_D}{_D})({_D}{_D})Z\s*({_MONTH})\s*((?:19)?\d\d)\b", re.I)
_SLASH_DATE = re.compile(rf"\b({_MONTH})\s?({_D}?{_D})\s?/\s?((?:19)?{_D}{_D})\b", re.I)
_DASH_DATE = re.compile(rf"\b([0-3]?[0-9])[-\s]({_MONTH})[A-Z]*[-\s]((?:19)?\d\d)\b", re.I)
_LONG_DATE = re.compile(rf"\b({_MONTH_WORD})\s+([0-3]?[0-9]),?\s+(19\d\d)\b", re.I)
# The patterns are case-blind, so every case of a look-alike is mapped.
_DIGIT_FOR = str.maketrans({"O": "0", "o": "0", "l": "1", "L": "1", "I": "1", "i": "1",
                            "S": "5", "s": "5", "Z": "2", "z": "2", "Q": "9", "q": "9"})
_LETTER_FOR = str.maketrans({"0": "O", "1": "I", "5": "S"})


class HeaderError(FieldError):
    """A cable header value that cannot be what it claims (e.g. a 31 November)."""


@dataclass(slots=True)
class CableHeader:
    """What a telegram's header says; None where it says nothing."""

    sender: str | None = None  # the post code as printed: "NATOPARIS", "AMEMBASSY MOSCOW"
    recipient: str | None = None
    info: list[str] = field(default_factory=list)
    date: str | None = None  # ISO
    date_printed: str | None = None
    time: str | None = None  # "15:30Z" from a date-time group
    telegram_number: str | None = None
    classification: str | None = None  # lower case, as the other readers give it
    precedence: str | None = None
    subject: str | None = None
    refs: list[str] = field(default_factory=list)
    # The classification printed at the bottom, when it differs from the top's.
    bottom_classification: str | None = None
    # Index of the first line after the header block.
    body_line: int = 0


def _digits(s: str) -> str:
    return s.translate(_DIGIT_FOR)


def _code(s: str) -> str | None:
    s = s.strip(" .,:;").upper()
    if not s:
        return None
    words = s.split()
    # Letters where a code has them: OCR reads O as 0 and I as 1 in runs of capitals.
    fixed = [w.translate(_LETTER_FOR) if any(c.isalpha() for c in w) else w for w in words]
    if not all(_CODE.match(w) for w in fixed):
        return None
    return " ".join(fixed)


def _iso(year: str, month: str, day: str) -> str:
    y = int(_digits(year))
    y = y + 1900 if y < 100 else y
    m = MONTHS.index(month[:3].upper()) + 1
    d = int(_digits(day))
    if not 1 <= d <= _days_in(y, m):
        raise HeaderError(f"no day {d} in {y}-{m:02d}")
    return f"{y:04d}-{m:02d}-{d:02d}"


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def find_date(text: str) -> tuple[str, str, str | None] | None:
    """(ISO date, the text printed, time or None) of the first date in `text`, or None.

    Raises HeaderError for a date that names no real day ("NOV31/62").
    """
    m = _DTG.search(text)
    if m:
        day, hh, mm = _digits(m[1]), _digits(m[2]), _digits(m[3])
        if int(hh) < 24 and int(mm) < 60:
            return _iso(m[5], m[4], day), m[0], f"{hh}:{mm}Z"
    for rx, order in ((_SLASH_DATE, (3, 1, 2)), (_DASH_DATE, (3, 2, 1)), (_LONG_DATE, (3, 1, 2))):
        m = rx.search(text)
        if m:
            y, mo, d = (m[i] for i in order)
            return _iso(y, mo, d), m[0], None
    return None


def _classification(line: str) -> str | None:
    if _CLASS_LINE.match(line):
        return CLASSIFICATIONS[" ".join(line.split()).upper()]
    return None


def _take_number(words: list[str]) -> tuple[str | None, list[str]]:
    """A telegram number among a line's words ("2711", "NO. 2711"), and the other words."""
    rest: list[str] = []
    number = None
    for w in words:
        bare = w.strip(".,:;")
        if number is None and _NUMBER.match(bare) and any(c.isdigit() for c in bare):
            number = _digits(bare)
        elif bare.upper() not in ("NO", "NR"):
            rest.append(w)
    return number, rest


def _without_dates_and_precedence(text: str, hdr: CableHeader) -> str:
    found = find_date(text)
    if found:
        if hdr.date is None:
            hdr.date, hdr.date_printed, hdr.time = found
        text = text.replace(found[1], " ")
    m = _PREC_IN.search(text)
    if m:
        hdr.precedence = hdr.precedence or m[1].upper()
        text = text[: m.start()] + " " + text[m.end():]
    m = _CLASS_IN.search(text)
    if m:
        hdr.classification = hdr.classification or CLASSIFICATIONS[" ".join(m[1].split()).upper()]
        text = text[: m.start()] + " " + text[m.end():]
    return text


def _party(value: str, hdr: CableHeader) -> str | None:
    value = _without_dates_and_precedence(value, hdr)
    number, words = _take_number(value.split())
    if number is not None and hdr.telegram_number is None:
        hdr.telegram_number = number
    return _code(" ".join(words))


def split_refs(value: str) -> list[str]:
    """The references of one REF line: "A. DEPTEL 123 B. OURTEL 45" or "YOURTEL 12; OURTEL 9"."""
    parts = re.split(r"\s*;\s*|\s+(?=[A-H]\.\s)|^(?=[A-H]\.\s)", value.strip())
    out = []
    for p in parts:
        p = re.sub(r"^[A-H]\.\s+", "", p or "").strip(" .")
        if p:
            out.append(p)
    return out


def parse_cable_header(text: str) -> CableHeader:
    """The header of a telegram's text. Never fails on odd text: what is not found is None.

    Raises HeaderError only for a date that names no real day.
    """
    hdr = CableHeader()
    lines = text.splitlines()
    last_header = -1
    seen_field = False
    for i, raw in enumerate(lines[:HEADER_LINES]):
        line = raw.strip()
        if not line:
            continue
        cls = _classification(line)
        if cls is not None:
            hdr.classification = hdr.classification or cls
            last_header = i
            continue
        m = _FIELD.match(line)
        if m:
            seen_field = True
            last_header = i
            _field(m[1].upper(), m[2], hdr)
            continue
        top = _TOP.match(line)
        if top and not seen_field and hdr.sender is None:
            # Canadian style: the sending post and its number open the telegram.
            hdr.sender = _code(top[1])
            hdr.telegram_number = _digits(top[2])
            last_header = i
            continue
        probe = CableHeader()
        if not _without_dates_and_precedence(line, probe).strip(" .,:;") and (
                probe.date or probe.precedence):
            # A line of only a date, a date-time group or a precedence.
            _without_dates_and_precedence(line, hdr)
            last_header = i
            continue
        if seen_field:
            break
    hdr.body_line = last_header + 1
    bottom = next((s.strip() for s in reversed(lines) if s.strip()), "")
    cls = _classification(bottom) if len(lines) > hdr.body_line + 1 else None
    if cls is not None:
        if hdr.classification is None:
            hdr.classification = cls
        elif cls != hdr.classification:
            hdr.bottom_classification = cls
    return hdr


def _field(name: str, value: str, hdr: CableHeader) -> None:
    if name in ("FM", "FROM"):
        hdr.sender = _party(value, hdr) or hdr.sender
    elif name == "TO":
        hdr.recipient = _party(value, hdr) or hdr.recipient
    elif name == "INFO":
        rest = _without_dates_and_precedence(value, hdr)
        hdr.info += [c for c in (_code(w) for w in re.split(r"[\s,]+", rest)) if c]
    elif name in ("NR", "NO", "NUMBER"):
        number, _ = _take_number(_without_dates_and_precedence(value, hdr).split())
        hdr.telegram_number = number or hdr.telegram_number
    elif name == "DATE":
        _without_dates_and_precedence(value, hdr)
    elif name in ("SUBJ", "SUBJECT"):
        hdr.subject = " ".join(value.split()) or hdr.subject
    else:
        hdr.refs += split_refs(value)
