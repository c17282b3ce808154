"""What the lines of a plain-text FRUS rendering are: headings, datelines, notes, chrome.

These recognise the *layout* only (which paragraph is the dateline); the values in them
come from the shared parsers in cablegram.fields.
"""

from __future__ import annotations

import re

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)

HEADING = re.compile(r"^(\d{1,5}[A-Za-z]?)\.\s+(\S.*)$", re.S)
SOURCE = re.compile(r"^(?://\s*)?Source:\s*(.*)$|^\[Source:\s*(.*?)\]$", re.S)


# The 2001–2009 site prints the source note as note 1, cited by the heading.
SOURCE_NOTE = re.compile(r"^/1/\s*Source:\s*(.*)$", re.S)


def source_text(m: re.Match[str]) -> str:
    """The note of a SOURCE (or SOURCE_NOTE) match, without "//Source:", "/1/Source:" or
    the brackets of "[Source: …]"."""
    groups = [g for g in m.groups() if g is not None]
    return (groups[0] if groups else "").strip()
FOOTNOTE = re.compile(r"^/(\d{1,3})/\s*(.*)$", re.S)
# Not followed by a digit: "7/16/61" is a date, not a note marker.
MARKER = re.compile(r"/(\d{1,3})/(?!\d)")
END_MARKER = re.compile(r"^\[end of document\]$", re.I)
ATTACHMENT = re.compile(r"^(Attachment|Enclosure|Annex|Tab [A-Z])\b[^.]{0,80}$")
VALEDICTION = re.compile(
    r"^(Sincerely|Sincerely yours|Very truly yours|Faithfully|Faithfully yours|Respectfully"
    r"|Respectfully yours|Cordially|With best wishes|Yours sincerely)[,.]?$",
    re.I,
)

# Site chrome of history.state.gov pages saved as text (before and after the documents).
CHROME = re.compile(
    r"^(Department Seal|flag|bar|flag bar|\d{1,4}|Return to .*|Department Seal Return to .*"
    r"|Home|Search|Historical Documents|Print|Share|Previous|Next|Top)$",
    re.I,
)

_DATE = re.compile(
    rf"(?P<date>\bundated\b|\bno date\b"
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}}|(?:{MONTHS}),?\s+\d{{4}}|\b1[789]\d\d\b)",
    re.I,
)
_DASH_TIME = re.compile(r"^[—–-]\s?(?:\d{1,2}(?::\d\d)?\s?[ap]\.\s?m\.|noon|midnight)", re.I)
_CONNECTORS = frozenset(
    ["of", "de", "la", "le", "les", "the", "du", "am", "an", "on", "upon", "sur", "en", "al",
     "el", "y", "and", "at", "aboard", "near", "in", "des", "del", "da", "di", "to",
     "en", "route"]
)


def is_dateline(text: str) -> bool:
    """A short "Place, Month D, YYYY, time." line: place words capitalised, date near the end."""
    s = text.strip()
    if s.startswith("[") and s.endswith("]"):  # "[Washington, undated]"
        s = s[1:-1].strip()
    if not s or len(s) > 160:
        return False
    m = _DATE.search(s)
    if m is None:
        return False
    prefix, rest = s[: m.start()], s[m.end() :]
    # "[place not declassified], …", printed without its brackets by some renderings
    prefix = re.sub(r"\[[^\]]*\]|^place not declassified\b", "X", prefix)
    for word in prefix.replace(",", " ").split():
        w = word.strip("()[]'\"")
        if w and not (w[0].isupper() or w[0].isdigit() or w.lower() in _CONNECTORS):
            return False
    if prefix.strip() and not prefix.rstrip().endswith(","):
        return False
    rest = rest.strip()
    # The older volumes join the time with a dash: "London, January 10, 1948—6 p.m."
    return len(rest) <= 40 and (rest == "" or rest[0] in ",.;]" or bool(_DASH_TIME.match(rest)))


_HEADING_END = re.compile(r"(\b[ap]\.\s?m\.|\b[A-Z]\.)$")


def is_heading_text(title: str) -> bool:
    """The part after "N. " reads like a document heading rather than a numbered paragraph."""
    t = title.strip()
    if not t or len(t) > 600 or not (t[0].isupper() or t[0] in "[“\""):
        return False
    if t.endswith((":", ";", ",", "?", "!")):
        return False
    # Headings may end in "9:15 a.m." or "U.S."; a numbered paragraph ends in a word.
    return not t.endswith(".") or bool(_HEADING_END.search(t))


def is_signature_line(text: str) -> bool:
    """A name or a title line of a signature block ("John A. McCone", "Director")."""
    s = MARKER.sub("", text).strip()
    if not s or len(s) > 70 or len(s.split()) > 8 or not s[0].isupper():
        return False
    if s.endswith((":", ";", ",", "?", "!")):
        return False
    # A final period is allowed only after an initial ("N. Khrushchev" ends otherwise).
    if s.endswith(".") and not re.search(r"\b[A-Z]\.$", s):
        return False
    return not re.search(r"\d", s)


def clean_body(text: str) -> str:
    """A body paragraph without its footnote markers."""
    return MARKER.sub("", text).strip()


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(s: str) -> int | None:
    """A Roman numeral's value, or None when `s` is not one."""
    s = s.upper()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


def _vol_number(token: str) -> int | None:
    token = token.strip()
    return int(token) if token.isdigit() else roman_to_int(token)


# Volumes whose id history.state.gov does not derive from a volume number.
SPECIAL_VOLUMES = {
    ("1917-72", "public diplomacy, world war i"): "PubDip",
    ("1952-54", "guatemala"): "Guat",
}

_YEARS = re.compile(r"^(\d{4})(?:\s*[-–—]\s*(\d{4}))?$")
_VOLUME = re.compile(r"^Volumes?\s+(?P<nums>[^,]+)(?P<rest>(?:,.*)?)$", re.I)
_PART = re.compile(r"\bPart\s+(\d+|[IVX]+)\b", re.I)


def years_slug(text: str) -> str | None:
    """ "1961-1963" -> "1961-63"; "1948" -> "1948"; None when `text` is not a year line."""
    m = _YEARS.match(text.strip())
    if m is None:
        return None
    if m.group(2) is None:
        return m.group(1)
    return f"{m.group(1)}-{m.group(2)[2:]}"


def volume_slug(text: str) -> str | None:
    """ "Volume XI" -> "v11"; "Volume E-5, Part 1" -> "ve05p1"; "Volumes VII/VIII/IX,
    Microfiche Supplement" -> "v07-09mSupp"."""
    m = _VOLUME.match(text.strip())
    if m is None:
        return None
    nums = m.group("nums").strip()
    e = re.match(r"^E\s*[-–]\s*", nums, re.I)
    if e:
        nums = nums[e.end() :]
    values = [_vol_number(t) for t in re.split(r"\s*[/–-]\s*", nums)]
    if not values or any(v is None for v in values):
        return None
    first, last = values[0], values[-1]
    assert first is not None and last is not None
    slug = ("ve" if e else "v") + f"{first:02d}"
    if last != first:
        slug += f"-{last:02d}"
    rest = m.group("rest")
    part = _PART.search(rest)
    if part:
        pn = _vol_number(part.group(1))
        if pn is not None:
            slug += f"p{pn}"
    if re.search(r"Microfiche Supplement", rest, re.I):
        slug += "mSupp"
    return slug


def collection_id(years: str, volume: str | None, title: str | None) -> str | None:
    """The history.state.gov volume id from a title block's lines."""
    ys = years_slug(years)
    if ys is None:
        return None
    if title and (ys, title.strip().lower()) in SPECIAL_VOLUMES:
        return f"frus{ys}{SPECIAL_VOLUMES[(ys, title.strip().lower())]}"
    vs = volume_slug(volume) if volume else None
    return f"frus{ys}{vs}" if vs else None
