"""Values the TEI states in markup: they replace what the printed text gave, when present."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from typing import cast

from lxml import etree

from cablegram.readers.tei_text import DATE, PERSNAME, PLACENAME, SIGNED, TIME, text_of
from cablegram.record import Record, Signer

_FROM_TO = etree.XPath(".//*[@type='from' or @type='to']", regexp=False)
_PAGES = etree.XPath("*[local-name()='page-count-according-to-citation']", regexp=False)
_DOC_FRAGMENT = re.compile(r"^(d\d+[a-z]?)(?:fn\d+)*$")


@dataclass(slots=True)
class Markup:
    """What the markup of one document states, read before the tree is blanked."""

    number: str | None = None
    senders: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    date: str | None = None
    time: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    place: str | None = None
    signers: list[Signer] | None = None


def collect(doc: etree._Element, head: etree._Element | None,
            dateline: etree._Element | None, closer: etree._Element | None) -> Markup:
    m = Markup(number=doc.get("n") or None)
    if head is not None:
        m.senders, m.recipients = marked_parties(head)
    if dateline is not None:
        m.date, m.time, m.not_before, m.not_after = date_markup(dateline)
        if m.time is None:
            t = next(dateline.iter(TIME), None)
            stamp = (t.get("when") or t.get("from")) if t is not None else None
            if stamp and len(stamp) >= 5 and stamp[2] == ":":
                m.time = stamp[:5]
        place = next(dateline.iter(PLACENAME), None)
        if place is not None:
            m.place = text_of(place) or None
    if closer is not None:
        m.signers = _signers(closer)
    return m


def overlay(rec: Record, m: Markup) -> None:
    """Markup values replace the printed parse where the markup states them."""
    if m.number:
        rec.number = m.number
        # (A string test, not a regex made from the number: that would be compiled per document.)
        if rec.title.startswith(m.number + "."):
            rec.title = rec.title[len(m.number) + 1 :].lstrip()
    rec.sender = choose_party(rec.sender, m.senders, m.recipients, sender=True)
    rec.recipient = choose_party(rec.recipient, m.recipients, m.senders, sender=False)
    if m.date or m.not_before or m.not_after:
        rec.date, rec.date_not_before, rec.date_not_after = m.date, m.not_before, m.not_after
    if m.time:
        rec.time = m.time
    if m.place:
        rec.place = m.place
    if m.signers:
        rec.signers = m.signers


def marked_parties(head: etree._Element) -> tuple[list[str], list[str]]:
    """The texts of a heading's type="from" and type="to" elements."""
    senders: list[str] = []
    recipients: list[str] = []
    for el in cast(list[etree._Element], _FROM_TO(head)):
        t = text_of(el)
        if t:
            (senders if el.get("type") == "from" else recipients).append(t)
    return senders, recipients


def party_agrees(printed: str | None, marked: list[str], other: list[str], *,
                 sender: bool) -> bool:
    """A printed sender (recipient) agrees with the markup when it contains every marked name
    of its side ("the" aside) and no name of the other side after (before) them: the phrase
    did not run on into the other party."""
    low = " ".join((printed or "").split()).casefold()
    if not low:
        return False
    spans = []
    for m in marked:
        name = m.casefold().removeprefix("the ")
        at = low.find(name)
        if at < 0:
            return False
        spans.append((at, at + len(name)))
    outside = low[max(e for _, e in spans):] if sender else low[: min(s for s, _ in spans)]
    return not any(o.casefold().removeprefix("the ") in outside for o in other if o not in marked)


def choose_party(printed: str | None, marked: list[str], other: list[str], *,
                 sender: bool) -> str | None:
    """The printed heading phrase when it agrees with the markup, else the marked names."""
    if not marked:
        return printed
    if party_agrees(printed, marked, other, sender=sender):
        return printed
    return " and ".join(marked)


def date_markup(dateline: etree._Element) -> tuple[str | None, str | None, str | None, str | None]:
    """(date, time, not_before, not_after) from the dateline's first date element, or Nones."""
    d = next(dateline.iter(DATE), None)
    if d is None:
        return None, None, None, None
    when = d.get("when")
    if when:
        time = when[11:16] if len(when) >= 16 and when[10] == "T" else None
        day = when[:10]
        if len(day) == 10:
            return day, time, day, day
        first, last = _span(day)
        return None, time, first, last
    # A printed span ("January 29–30") starts on its first day, as the shared parser has it;
    # notBefore/notAfter only bound an uncertain date.
    start, end = d.get("from"), d.get("to")
    lo = _span(start)[0] if start else (_span(nb)[0] if (nb := d.get("notBefore")) else None)
    hi = _span(end)[1] if end else (_span(na)[1] if (na := d.get("notAfter")) else None)
    return (lo if start and len(start) >= 10 else None), None, lo, hi


def _span(value: str) -> tuple[str, str]:
    """The first and last day of "YYYY", "YYYY-MM" or "YYYY-MM-DD[T...]"."""
    value = value[:10]
    if len(value) == 4 and value.isdigit():
        return f"{value}-01-01", f"{value}-12-31"
    if len(value) == 7:
        y, m = int(value[:4]), int(value[5:7])
        return f"{value}-01", f"{value}-{calendar.monthrange(y, m)[1]:02d}"
    return value, value


def _signers(closer: etree._Element) -> list[Signer] | None:
    """Signers from signed/persName, or None when a signature lacks that markup."""
    signers: list[Signer] = []
    for s in closer.iter(SIGNED):
        p = next(s.iter(PERSNAME), None)
        if p is None:
            return None  # a signature without markup: the printed parse stands
        name = text_of(p)
        rest = [line for line in text_of(s).split("\n") if line and name not in line]
        signers.append(Signer(name=name, title=" ".join(rest) or None))
    return signers or None


def catalog_pages(doc: etree._Element, parsed: int | None) -> int | None:
    for el in cast(list[etree._Element], _PAGES(doc)):
        t = (el.text or "").strip()
        if t.isdigit():
            return int(t)
    return parsed


def ref_target(target: str | None, volume: str) -> str | None:
    """A record id for ref@target when it points at a document ("#d5", "frus1964-68v12#d5fn2")."""
    if not target:
        return None
    vol, sep, frag = target.partition("#")
    if not sep:
        vol, frag = volume, target
    m = _DOC_FRAGMENT.match(frag)
    return f"{vol or volume}/{m.group(1)}" if m else None
