"""Telegram numbers that open a cable's text: "1707.", "CAP 55515-62.", "Secto 12."."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice

from cablegram.fields.text import squash

# A series prefix: capitals ("CAP", "JCS", "DEF") or a cable series name ("Secto", "Delga",
# "Polto", "Tosec", "Dulte", "Gadel", "Cahto"), optionally "Circular" after it.
_PREFIX = r"(?:[A-Z]{2,8}(?:\s[A-Z]{2,6})?|[A-Z][a-z]{3,5}(?:\s+Circ(?:ular|\.)?)?)"
_OPENING = re.compile(
    rf"^(?:(?P<prefix>{_PREFIX})\s+)?(?P<num>\d{{1,7}}(?:[-–]\d{{1,4}})?)\.(?=\s|$)"
)
# Airgram and circular numbers ("A-34.", "CA–1234.", "CG–123.") and a message number before
# a series number ("24609/Delto 996.").
_LETTERED = re.compile(
    rf"^(?P<num>(?:\d{{3,7}}/{_PREFIX}\s+\d{{1,7}})|(?:[A-Z]{{1,3}}\s?[-–]\s?\d{{1,6}}))\.(?=\s|$)"
)
# Words that open a numbered paragraph or a heading rather than a cable series.
_NOT_PREFIX = frozenset(
    (
        "Item", "Point", "Para", "Paragraph", "Section", "Page", "Part", "Annex", "Tab", "Step",
        "Phase", "Case", "Chapter", "Table", "Note", "Article", "Figure", "Point", "Rule", "Stage",
        "Question", "Document", "Page", "Chart",
    )
)
# After a 1- or 2-digit number these open a cable ("12. Eyes only for …"); anything else
# ("1. The Planning Subcommittee …") is a numbered paragraph, not a telegram number.
_CABLE_OPENERS = re.compile(
    r"^(?:\d{1,2}\.|\(\d\)|Eyes\b|For\b|Re\b|Re:|Ref\b|Ref:|Refs?tel|Reference|Deptel|Embtel|"
    r"Urtel|Mytel|Contel|Subject|Subj|Following|Niact|Your|Pass|Literally|Verbatim|Personal|"
    r"Department|Dept|Deliver|From\b|Cite|Priority|Exdis|Nodis|Limdis|Secto|Tosec|Critic|DTG|"
    r"Joint|Paris\b|Todep|Info\b|Immediate|Flash|Exclusive|Top Secret|Secret)"
)


def parse_telegram_number(text: str) -> str | None:
    """The number that opens `text` (the body's first paragraph), or None.

    Any number after a series prefix ("Secto 12.") or 2 or more alone opens a cable; "1."
    alone counts only when a cable opening follows it ("1. Eyes only …"), so that the first
    of numbered paragraphs ("1. The Planning Subcommittee …") is not taken for one.
    """
    t = squash(text[:200])
    m = _OPENING.match(t)
    if m is None:
        lettered = _LETTERED.match(t)
        return " ".join(lettered["num"].split()) if lettered else None
    prefix, num = m["prefix"], m["num"]
    if prefix:
        if prefix.split()[0] in _NOT_PREFIX:
            return None
        return f"{' '.join(prefix.split())} {num}"
    # In the corpus a document's first paragraph numbered 2 or more is a cable's number;
    # "1." opens a numbered list unless a cable opening follows ("1. Eyes only for …").
    if int(num.split("-")[0].split("–")[0]) <= 1 and not _CABLE_OPENERS.match(
        t[m.end() :].lstrip()
    ):
        return None
    return num


_LEADING_REDACTION = re.compile(r"^\[[^\[\]]*not declassified\]\s*")
_DIGIT = re.compile(r"\d")
# Paragraphs looked at: a marking, a caveat and a redacted place may come before the number.
OPENING_PARAGRAPHS = 4


def find_telegram_number(paragraphs: Iterable[str]) -> str | None:
    """The number that opens a cable's first real paragraph, or None.

    Paragraphs of at most 40 characters without a digit come before it in some volumes and
    are passed over: a marking ("Secret", "US Urgent"), "[Extracts]", a redacted place
    ("[place not declassified],"). A redaction before the number is passed over too
    ("[telegram indicator not declassified] 605. Ref: ...").
    """
    for p in islice(paragraphs, OPENING_PARAGRAPHS):
        t = squash(p)
        if len(t) <= 40 and not _DIGIT.search(t):
            continue
        return parse_telegram_number(_LEADING_REDACTION.sub("", t))
    return None


def opening_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    """The first paragraphs that `find_telegram_number` reads: up to the first one that may
    hold the number (more than 40 characters, or a digit), at most OPENING_PARAGRAPHS."""
    out: list[str] = []
    for p in islice(paragraphs, OPENING_PARAGRAPHS):
        out.append(p)
        t = squash(p)
        if len(t) > 40 or _DIGIT.search(t):
            break
    return out
