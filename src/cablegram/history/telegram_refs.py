"""Telegram citations resolved to documents: number, sender, recipient and a date window.

A citation names (or implies) who sent the telegram and to whom: "Deptel 864" in a telegram
from Moscow is the Department's telegram 864 to Moscow; "your 345" in a message from A to B is
B's telegram 345 to A. The number must match, both posts must match, and the document's day
must lie in the window: the printed date (±1 day) when there is one; else, in the body of a
document, from the start of the citing document's numbering year to its day (+1: time zones);
else (an editor's footnote, which may cite a later telegram) the whole numbering year.
One candidate resolves; none or several stay unresolved, with the reason and the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from cablegram.fields.telegram_cites import TelegramCitation
from cablegram.history.numbering import numbering_year
from cablegram.history.posts import DEPARTMENT, fold, normalize_correspondent, post_for_city
from cablegram.store.base import RefRow


@dataclass(frozen=True, slots=True)
class Telegram:
    """A document that is a numbered telegram, as resolution compares it."""

    id: str
    number: str
    day: str | None
    sender: str | None
    recipient: str | None


@dataclass(frozen=True, slots=True)
class Citing:
    """The citing document: its id, day and correspondents (nodes)."""

    id: str
    day: str | None
    sender: str | None
    recipient: str | None


def _post(place: str, local: dict[str, str]) -> str | None:
    by_city = post_for_city(place) or local.get(fold(place))
    if by_city:
        return by_city
    node = normalize_correspondent(place)
    # A name normalize_correspondent does not know comes back as it was: not a post.
    return node if node and node != " ".join(place.split()).strip(" .,;:") else None


def _parties(c: TelegramCitation, src: Citing,
             local: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    """(sender, recipient, why not) of the cited telegram."""
    s, r = src.sender, src.recipient
    other = r if s == DEPARTMENT else s
    named = _post(c.place, local) if c.place else None
    if c.place and named is None:
        return None, None, f"unknown post {c.place!r}"
    if c.kind == "reftel":
        return None, None, "reftel: no number printed"
    if c.kind == "circular":
        return None, None, "circular telegram: sent to many posts"
    if c.kind == "yours":
        return r, s, None if r and s else "the citing document's correspondents are unknown"
    if c.kind == "mine":
        return s, r, None if r and s else "the citing document's correspondents are unknown"
    if c.kind == "department":
        post = named if c.direction == "to" else other
        if post is None or post == DEPARTMENT:
            return None, None, "Deptel: the post it went to is unknown"
        return DEPARTMENT, post, None
    if c.kind == "post":
        post = named if c.direction == "from" else other
        if post is None or post == DEPARTMENT:
            return None, None, "Embtel: the post that sent it is unknown"
        return post, DEPARTMENT, None
    # "telegram N from X" / "telegram N to X"
    if named is None or c.direction is None:
        return None, None, "telegram: no post named"
    if c.direction == "from":
        return named, (DEPARTMENT if named != DEPARTMENT else other), None
    return DEPARTMENT, named, None


def _iso(d: date) -> str:
    return d.isoformat()


def _printed_day(c: TelegramCitation, around: str | None) -> date | None:
    """The printed date; its year, when not printed, the one nearest the citing day."""
    if c.month is None or c.day is None:
        return None
    years = [c.year] if c.year else ([int(around[:4]) + k for k in (-1, 0, 1)] if around else [])
    best: date | None = None
    ref = date.fromisoformat(around) if around else None
    for y in years:
        try:
            d = date(y, c.month, c.day)
        except ValueError:
            continue
        if best is None or (ref and abs((d - ref).days) < abs((best - ref).days)):
            best = d
    return best


def window(c: TelegramCitation, src: Citing, location: str) -> tuple[str | None, str | None]:
    """The days [lo, hi] the cited telegram must lie in; (None, None) when nothing says."""
    printed = _printed_day(c, src.day)
    if printed is not None:
        return _iso(printed - timedelta(days=1)), _iso(printed + timedelta(days=1))
    if src.day is None:
        return None, None
    year = numbering_year(src.day)
    if location == "text":
        hi = _iso(date.fromisoformat(src.day) + timedelta(days=1))
        return year.start, hi
    end = date.fromisoformat(year.end) - timedelta(days=1)
    return year.start, _iso(end)


def resolve(c: TelegramCitation, src: Citing, location: str,
            by_number: dict[str, list[Telegram]], local: dict[str, str] | None = None) -> RefRow:
    """One citation, resolved against the numbered telegrams of the archive.

    `local`: consulates and missions known by their city (`posts.local_posts`).
    """
    sender, recipient, why = _parties(c, src, local or {})
    lo, hi = window(c, src, location) if why is None else (None, None)

    def row(target: str | None, reason: str | None, candidates: list[str]) -> RefRow:
        return RefRow(src.id, "telegram", c.text, location, target,
                      "resolved" if target else "unresolved", reason, candidates,
                      c.number, sender, recipient, lo, hi)

    if why is not None or c.number is None:
        return row(None, why or "no number", [])
    same_posts: Sequence[Telegram] = [
        t for t in by_number.get(c.number, ()) if t.id != src.id and t.sender == sender
        and t.recipient == recipient]
    fits = [t.id for t in same_posts
            if t.day is not None and (lo is None or lo <= t.day) and (hi is None or t.day <= hi)]
    if len(fits) == 1:
        return row(fits[0], None, fits)
    if fits:
        return row(None, "ambiguous: several documents fit", fits)
    if same_posts:
        return row(None, "outside the date window", [t.id for t in same_posts])
    return row(None, "not in the archive", [])


# "Reftel" is the telegram the document refers to ("1632. Re Deptel 1368. ... reftel"): it
# resolves only when that is unmistakable — one numbered citation before it in the text, and
# nothing there that looks like a reference the finder does not read ("Moscow's 980", "Toica
# 584", "Embtels 624; 751", "Rangoon tel 81", "Joint 5532"). Checked by hand:
# docs/data/telegram_ref_verdicts.tsv.
_OTHER_REFERENCE = re.compile(
    r"(?:['’]s|\b(?:To[a-z]{2,4}|[A-Z][a-z]{1,3}to|Secto|Tosec|Polto|Topol|Gadel|Delga|"
    r"Cirtel|Depcirtel|airgram|despatch|desp|tel|Joint|[A-Z]{2,}))\s*\d+|\d+\s*;\s*\d+")


def resolve_reftel(c: TelegramCitation, src: Citing, before: list[RefRow],
                   text_before: str) -> RefRow:
    """A "reftel" of a document's text: the one telegram cited before it, resolved as that
    citation was; otherwise unresolved and why."""
    numbered = [r for r in before if r.number]
    if len(numbered) == 1 and not _OTHER_REFERENCE.search(text_before):
        return numbered[0]._replace(text=c.text, location="text")
    reason = ("reftel: several telegrams referenced before it" if numbered
              else "reftel: no reference telegram named before it")
    return RefRow(src.id, "telegram", c.text, "text", None, "unresolved", reason,
                  [r.target_id for r in numbered if r.target_id])
