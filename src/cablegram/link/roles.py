"""Roles by date: who held a post on a day, from pocom's appointments and the presidents table."""

from __future__ import annotations

import calendar
import re
from functools import cache
from importlib import resources

from cablegram.link.authorities import Appointment, Authorities

# Roles a caller may name, and the pocom post (positions-principals id) behind each.
_PRINCIPALS = {"secretary-of-state": "secretary", "president": "president"}
# Role titles of a chief of mission that a text calls "the Ambassador" before others.
_AMBASSADORS = frozenset({"ambassador-e-p", "representative"})
# "Embassy in the Soviet Union", "Mission to the United Nations", "Moscow, October 16, 1962".
_POST_PHRASE = re.compile(
    r"^(?:the\s+)?(?:american\s+|u\.?s\.?\s+)?(?:embassy|legation|mission|delegation|consulate"
    r"(?:\s+general)?)\s+(?:in|to|at)\s+", re.IGNORECASE)


def holders(auth: Authorities, role: str, date: str, post: str | None = None) -> list[Appointment]:
    """Appointments of `role` running on `date` (ISO), at `post` for a chief of mission.

    `role`: "chief-of-mission" (with `post` a place, a sender or a territory id),
    "secretary-of-state", "president", or any pocom position id ("deputy-secretary").
    Ambassadors come before chargés when both are on record for the day.
    """
    if role == "chief-of-mission":
        if post is None:
            return []
        where = post_id(post)
        if where is None:
            return []
        found = [a for a in _at(auth, where)
                 if a.role not in _PRINCIPAL_ROLES and _runs(a, date)]
        return sorted(found, key=lambda a: a.role not in _AMBASSADORS)
    where = _PRINCIPALS.get(role, role)
    return [a for a in _at(auth, where) if _runs(a, date)]


# id(auth) -> (auth, number of appointments when indexed, appointments by post)
_BY_POST: dict[int, tuple[Authorities, int, dict[str, list[Appointment]]]] = {}


def _at(auth: Authorities, post: str) -> list[Appointment]:
    """The appointments at a post, from an index rebuilt when the authorities change."""
    cached = _BY_POST.get(id(auth))
    if cached is None or cached[0] is not auth or cached[1] != len(auth.appointments):
        index: dict[str, list[Appointment]] = {}
        for a in auth.appointments:
            index.setdefault(a.post, []).append(a)
        cached = _BY_POST[id(auth)] = (auth, len(auth.appointments), index)
    return cached[2].get(post, [])


_PRINCIPAL_ROLES = frozenset({"president"})


def post_id(place: str) -> str | None:
    """The pocom post a place, country or sender phrase names ("Moscow", "Embassy in the
    United Kingdom", "united-kingdom"), or None."""
    text = _POST_PHRASE.sub("", " ".join(place.split())).strip(" .,").casefold()
    known = places()
    if text in known:
        return known[text]
    if text in known.values():
        return text
    # "Moscow, October 16, 1962" or "Embassy in the Soviet Union to the Department of State"
    head = re.split(r",|\s+to\s+|\s+for\s+", text, maxsplit=1)[0].strip()
    return known.get(head)


@cache
def places() -> dict[str, str]:
    text = resources.files("cablegram").joinpath("data/places.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {r[0]: r[1] for r in rows if len(r) >= 2}


def _runs(a: Appointment, date: str) -> bool:
    return (a.start is None or a.start <= date) and (a.end is None or date <= _last_day(a.end))


def _last_day(d: str) -> str:
    """"1962" -> "1962-12-31", "1962-02" -> "1962-02-28": an end date's latest reading."""
    if len(d) == 4:
        return f"{d}-12-31"
    if len(d) == 7:
        y, m = int(d[:4]), int(d[5:7])
        return f"{d}-{calendar.monthrange(y, m)[1]:02d}"
    return d
