"""The linker: every mention of a person, a bare role or a term in a record's text, resolved.

Names come from the record's volume list first (every form the list and the register give its
persons), then from the register's full names. A surname shared by several people is resolved
by a title before it, a fuller form of one of them in the same document, the date, and the
office held on the day; a tie stays unresolved with its candidates. Markup links the record
already has are kept, with their register ids filled in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from operator import attrgetter

from cablegram.collector import collector_paused
from cablegram.link.authorities import Appointment, Authorities, VolumePerson
from cablegram.link.context import (
    ABBREVIATIONS,
    CONCEPTS,
    FUNCTION_WORDS,
    GIVEN_FOR_NICKNAME,
    NICKNAMES,
    OFFICE_ENDS,
    PLACES_BEFORE,
    SENTENCE_WORDS,
    THINGS,
    TITLES,
    WORD_SURNAMES,
    titles_before,
    word_after,
    word_before,
)
from cablegram.link.evidence import (
    given_before,
    office_before_name,
    office_before_paren,
    quoted_nickname,
    speaks_of_the_past,
)
from cablegram.link.fuzzy import FuzzyNames
from cablegram.link.index import Entry, Index, haystack, register_index, volume_index
from cablegram.link.roles import holders
from cablegram.record import Mention, PersonLink, Record, TermLink

# Volume indexes kept by a linker (each ~1-2 MB with its misspelling finder).
VOLUMES_KEPT = 4


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    kind: str  # full | surname | term | role | fuzzy
    payload: tuple[str, ...] | str


class Linker:
    """Links records against one set of authorities; automata are built once and cached."""

    def __init__(self, auth: Authorities, volumes_kept: int = VOLUMES_KEPT) -> None:
        self.auth = auth
        self.volumes_kept = volumes_kept
        with collector_paused():
            self._register: Index = register_index(auth)
        # Given names a capitalised word before "D. Martin" may be: the register's, less the
        # titles and offices some of its entries carry as given names ("State", "Honorable").
        self._first_names = self._register.given - TITLES - OFFICE_ENDS - FUNCTION_WORDS \
            - _NOT_FIRST_NAMES
        # Ingest links volume by volume: a few volumes' indexes are kept, the oldest dropped.
        self._volumes: OrderedDict[str, tuple[list[VolumePerson], Index]] = OrderedDict()
        self._fuzzy: dict[str, FuzzyNames] = {}
        self._holders: dict[tuple[str, str, str | None], list[Appointment]] = {}

    def __reduce__(self) -> tuple[type[Linker], tuple[Authorities, int]]:
        # Rebuilt in a worker process from the authorities: automata are cheap to remake.
        return (Linker, (self.auth, self.volumes_kept))

    def link(self, record: Record, near: str | None = None
             ) -> tuple[list[PersonLink], list[TermLink]]:
        """The record's person and term links: its markup links kept, the rest added.
        `near`: the date of the documents around an undated one (`dates_nearby`), by which
        its offices and roles are read."""
        idx = self._volume(record.collection)
        text = record.text
        date = record.date or record.date_not_before or near
        markup = [self._filled(p, idx) for p in record.persons if p.how == "markup"]
        taken = [(m.start, m.end) for p in markup for m in p.mentions]
        hits = _choose(self._hits(text, idx), taken)
        hits += self._fuzzy_hits(text, record.collection, idx, hits, taken)
        if not idx.entries:
            hits += self._register_surnames(text, hits, taken)
        hits.sort(key=_START)  # mentions in text order
        fulls = _full_positions(hits, text)
        called = self._given_names_of(fulls, idx)
        persons: dict[tuple[str | None, str, str, tuple[str, ...]], PersonLink] = {}
        terms: dict[str, TermLink] = {}
        listed, known = idx.entries, self._register.entries  # (`_entry`, written out)
        # Who a surname was found to be earlier in the document ("President Johnson ...
        # McNamara told Johnson"): a later tie between them and others is them.
        meant: dict[str, Entry] = {}
        for h in hits:
            mention = Mention(text[h.start : h.end], h.start, h.end)
            if h.kind == "term":
                assert isinstance(h.payload, str)
                term = terms.setdefault(mention.text, TermLink(mention.text, h.payload))
                term.mentions.append(mention)
                continue
            if h.kind == "role":
                found = self._role(str(h.payload), record, date, idx)
                if found is not None:
                    _put(persons, found, (), "role-by-date", mention)
                continue
            assert isinstance(h.payload, tuple)
            cands = [e for k in h.payload if (e := listed.get(k) or known.get(k)) is not None]
            if h.kind == "fuzzy" and _not_a_person(text, h.start, h.end, cands,
                                                   self._register.given):
                continue  # ("San Clemente" is no misspelling of Clements)
            if h.kind == "full" and self._given_of_another(text, h, cands):
                continue
            if h.kind == "surname":
                if _not_a_person(text, h.start, h.end, cands, self._register.given):
                    continue
                if text[h.start : h.end].title() in WORD_SURNAMES \
                        and not titles_before(text, h.start):
                    cands = [e for e in cands if e.key in fulls]
                cands = self._narrow(cands, text, h, fulls, date)
            how = "fuzzy" if h.kind == "fuzzy" else "name"
            first_name_of = called.get(mention.text, ())
            if len(cands) == 1 and h.kind == "surname" and first_name_of \
                    and cands[0].key not in first_name_of and not titles_before(text, h.start):
                # "Allen, do you want to comment" where the document names Allen Dulles:
                # a first name as much as a surname; left unresolved with both
                bearers = [e for k in first_name_of if (e := self._entry(k, idx)) is not None]
                _put(persons, None, _tie([cands[0], *bearers]), how, mention)
            elif len(cands) == 1 and h.kind != "full" and _someone_else(text, h.start, cands[0]):
                # unresolved: the words around it disagree
                _put(persons, None, (cands[0].register_id or cands[0].key,), how, mention)
            elif len(cands) == 1:
                _put(persons, cands[0], (), how, mention)
                if h.kind == "surname":
                    meant[mention.text] = cands[0]
            elif cands and meant.get(mention.text) in cands:
                _put(persons, meant[mention.text], (), how, mention)
            elif cands:
                _put(persons, None, _tie(cands), how, mention)
        links = markup + list(persons.values())
        return links + self._outside_text(record, idx, links, date), list(terms.values())

    def _outside_text(self, record: Record, idx: Index, links: list[PersonLink],
                      date: str | None) -> list[PersonLink]:
        """People that only the heading, the source note or a footnote names ("... (Rostow) to
        ... (Bundy)"): linked without mentions, since mentions are offsets into the text."""
        have = {p.volume_id or p.id for p in links}
        out: list[PersonLink] = []
        # One pass over all of them, a blank line apart.
        part = "\n\n".join(x for x in (record.title, record.source_note,
                                        *(f.text for f in record.footnotes)) if x)
        if not part:
            return out
        hits = _choose(self._hits(part, idx), [])
        fulls = _full_positions(hits, part)
        listed, known = idx.entries, self._register.entries  # (`_entry`, written out)
        for h in hits:
            if h.kind not in ("full", "surname") or not isinstance(h.payload, tuple):
                continue
            cands = [e for k in h.payload if (e := listed.get(k) or known.get(k)) is not None]
            if h.kind == "surname" and _not_a_person(part, h.start, h.end, cands,
                                                     self._register.given):
                continue
            if h.kind == "full" and self._given_of_another(part, h, cands):
                continue
            cands = self._narrow(cands, part, h, fulls, date)
            if len(cands) == 1 and (cands[0].volume_id or cands[0].register_id) not in have:
                e = cands[0]
                have.add(e.volume_id or e.register_id)
                out.append(PersonLink(e.register_id, e.name, how="name", volume_id=e.volume_id))
        return out

    # -- matching -----------------------------------------------------------------------

    def _volume(self, volume: str) -> Index:
        """The volume's automaton, remade when `add_volume` has replaced its list since."""
        listed = self.auth.volume_persons(volume)
        cached = self._volumes.get(volume)
        if cached is not None and cached[0] is listed:
            self._volumes.move_to_end(volume)
            return cached[1]
        with collector_paused():
            cached = self._volumes[volume] = (listed, volume_index(self.auth, volume))
        self._volumes.move_to_end(volume)
        self._fuzzy.pop(volume, None)
        while len(self._volumes) > max(1, self.volumes_kept):
            old, _ = self._volumes.popitem(last=False)
            self._fuzzy.pop(old, None)
        return cached[1]

    def _hits(self, text: str, idx: Index) -> list[_Hit]:
        """The whole-word matches of the volume's forms, then of the register's."""
        hits = []
        scanned = haystack(text)
        size = len(text)
        for automaton in (idx.automaton, self._register.automaton):
            payloads, checked = automaton.payloads, automaton.checked
            for form, start, end in automaton.scan(scanned):
                # `_bounded`, written out: it runs for every match of every text.
                if (start and (text[start - 1].isalnum() or text[start - 1] == "-")) \
                        or (end < size and text[end].isalnum()) \
                        or (form in checked and text[start:end] != checked[form]):
                    continue
                kind, payload = payloads[form]
                hits.append(_Hit(start, end, kind, payload))
        return hits

    def _fuzzy_hits(self, text: str, volume: str, idx: Index, hits: list[_Hit],
                    taken: list[tuple[int, int]]) -> list[_Hit]:
        fz = self._fuzzy.get(volume)
        if fz is None:
            fz = self._fuzzy[volume] = FuzzyNames(idx, self._register.surnames)
        found = fz.find(text, lambda: taken + [(h.start, h.end) for h in hits])
        return [_Hit(s, e, "fuzzy", keys) for s, e, keys in found]

    def _register_surnames(self, text: str, hits: list[_Hit], taken: list[tuple[int, int]]
                           ) -> list[_Hit]:
        """Without a persons list: the surname of someone the text named in full ("Foy D.
        Kohler ... Kohler"); a surname alone is too ambiguous across the whole register."""
        named = {h.payload[0] for h in hits if h.kind == "full" and isinstance(h.payload, tuple)
                 and len(h.payload) == 1}
        spans = sorted([*taken, *((h.start, h.end) for h in hits)])
        out = []
        for key in sorted(named):
            e = self._register.entries.get(key)
            if e is None or len(e.surname) < 3:
                continue
            at = text.find(e.surname)
            while at >= 0:
                end = at + len(e.surname)
                if _bounded(text, at, end) and not any(s < end and at < t for s, t in spans):
                    out.append(_Hit(at, end, "surname", (key,)))
                at = text.find(e.surname, end)
        return out

    def _given_of_another(self, text: str, h: _Hit, cands: list[Entry]) -> bool:
        """A form that opens with an initial, after a given name or initial none of the
        candidates has: "C. W. Cook" is not Willis C. Cook, "Clarence D. Martin" not David
        A. Martin."""
        if text[h.start + 1 : h.start + 2] != ".":
            return False
        word = given_before(text, h.start, self._first_names)
        return bool(word) and not any(word in e.given or word in e.name for e in cands)

    def _given_names_of(self, fulls: dict[str, list[int]], idx: Index) -> dict[str, set[str]]:
        """The given names (not initials) of the people the document names in full, each to
        who bears it."""
        out: dict[str, set[str]] = {}
        for key in fulls:
            e = self._entry(key, idx)
            for g in e.given if e is not None else ():
                if len(g) > 2 and not g.endswith("."):
                    out.setdefault(g, set()).add(key)
        return out

    def _entry(self, key: str, idx: Index) -> Entry | None:
        return idx.entries.get(key) or self._register.entries.get(key)

    def _filled(self, link: PersonLink, idx: Index) -> PersonLink:
        e = idx.entries.get(f"v:{link.volume_id}")
        if link.id is not None or e is None or e.register_id is None:
            return link
        # (`dataclasses.replace`, written out: it runs for every markup link.)
        return PersonLink(e.register_id, link.name, list(link.mentions), link.how,
                          link.volume_id, link.candidates)

    # -- resolution ---------------------------------------------------------------------

    def _narrow(self, cands: list[Entry], text: str, h: _Hit, fulls: dict[str, list[int]],
                date: str | None) -> list[Entry]:
        """Candidates of a surname, narrowed by title, fuller forms nearby, date and office."""
        if len(cands) < 2:
            return cands
        said_name = text[h.start : h.end]
        if word_before(text, h.start) in GIVEN_FOR_NICKNAME:
            cands = [e for e in cands if not _not_their_nickname(text, h.start, e)] or cands
            if len(cands) == 1:
                return cands  # "Bobby Kennedy" is Robert F. Kennedy
        nickname = quoted_nickname(text, h.start)
        if nickname:
            # “Big” Minh: only a candidate known by that nickname
            return [e for e in cands if nickname.casefold() in e.name.casefold()] or cands
        by_register: dict[str, Entry] = {}
        for e in cands:  # two entries of one person (a list's duplicate): one candidate
            if e.register_id is None or e.register_id not in by_register:
                by_register[e.register_id or e.key] = e
        cands = list(by_register.values())
        if len(cands) < 2:
            return cands
        office_said = office_before_paren(text, h.start) \
            or office_before_name(text, h.start, OFFICE_ENDS)
        if office_said:
            fit = [e for e in cands if office_said in e.description.casefold()]
            if len(fit) == 1:
                return fit  # "Director of Central Intelligence (Dulles)" is Allen Dulles
        titles = [ABBREVIATIONS.get(t, t) for t in titles_before(text, h.start)]
        if titles:
            said = " ".join(titles).casefold()
            fit = [e for e in cands if said in e.description.casefold()]
            if len(fit) > 1:
                # "President Johnson" is the President, not a Press Secretary to the President
                fit = [e for e in fit if _holds(said, e.description.casefold())] or fit
            if len(fit) == 1:
                return fit  # "King Hussein" is the King of Jordan, not Ahmad Hussein
        said_key = said_name.title() if said_name.isupper() else said_name
        meant = [e for e in cands if said_key in e.aliases]
        if len(meant) == 1:
            return meant  # the list itself says "Nhu" is Ngo Dinh Nhu ("Nhu, see ...")
        exact = [e for e in cands if said_name == e.surname or said_key in e.short
                 or said_name in e.aliases]
        if exact and len(exact) < len(cands):
            cands = exact  # "Green" is Green, Marshall before Greene (a register variant)
            if len(cands) == 1:
                return cands
        if titles:
            by_office = self._by_office(cands, titles, date)
            if len(by_office) == 1:
                return by_office
            if titles[-1] in ("Mr.", "Mr") and date:
                president = self._by_office(cands, ["President"], date)
                cands = [e for e in cands if e not in president]  # no one says "Mr." to him
                if len(cands) == 1:
                    return cands
        # A family name printed first ("Ngo" of Ngo Dinh Diem, Nhu and Can) names the family
        # as much as the one of them named in full nearby.
        family = all("," not in e.name and e.name.split()[0] == said_name for e in cands)
        before = [(max((p for p in fulls.get(e.key, ()) if p < h.start), default=-1), e)
                  for e in cands]
        nearest = max(p for p, _ in before)
        if nearest >= 0 and not family:
            return [e for p, e in before if p == nearest]
        named = [e for e in cands if e.key in fulls]
        if len(named) == 1 and not family:
            return named
        if date and not speaks_of_the_past(text, h.end):  # ("the Kennedy years" in 1977)
            year = int(date[:4])
            alive = [e for e in cands if (e.death is None or e.death >= year)
                     and (e.birth is None or e.birth + 18 <= year)]
            cands = alive or cands
            if len(cands) > 1 and not titles:
                # The President or the Secretary of State, named alone, before a namesake;
                # not after a title ("Mr. Johnson" in 1964 is not the President).
                office = self._by_office(cands, ["President"], date) or self._by_office(
                    cands, ["Secretary"], date)
                if len(office) == 1:
                    return office
        if len(cands) > 1 and not titles:
            # A head of state or government, named alone, before a namesake of lesser rank.
            heads = [e for e in cands if _HEAD.search(e.description)]
            if len(heads) == 1:
                return heads
        return cands

    def _by_office(self, cands: list[Entry], titles: list[str], date: str | None) -> list[Entry]:
        if not date:
            return []
        role = {"President": "president", "Secretary": "secretary-of-state"}.get(titles[-1])
        if role is None or len(titles) > 1:
            return []
        # (Without a register the holders have no person id: None matches no one.)
        ids = {a.person_id for a in holders(self.auth, role, date) if a.person_id}
        return [e for e in cands if e.register_id in ids]

    def _role(self, role: str, record: Record, date: str | None, idx: Index) -> Entry | None:
        if not date:
            return None
        post = _post_of(record) if role == "chief-of-mission" else None
        if role == "chief-of-mission" and post is None:
            return None
        memo = (role, date, post)
        found = self._holders.get(memo)
        if found is None:
            found = self._holders[memo] = holders(self.auth, role, date, post)
        ids = {a.person_id for a in found if a.person_id}
        if len(ids) != 1:
            return None
        rid = ids.pop()
        return idx.by_register.get(rid) or self._register.entries.get(f"r:{rid}")


def _holds(title: str, description: str) -> bool:
    """The description names the office itself somewhere, not only an office under or beside
    it ("Assistant Press Secretary to the President")."""
    at = description.find(title)
    while at >= 0:
        if description[max(0, at - 4) : at] != "the ":  # (nor "to the", "of the")
            return True
        at = description.find(title, at + 1)
    return False


_NOT_FIRST_NAMES = frozenset({"State", "Honorable", "Right", "Staff", "Duke"})

# Descriptions of a head of state or government in a persons list.
_HEAD = re.compile(
    r"\b(?:President of (?!the United States)(?!(?:the )?(?:National|[A-Z]\w* (?:Assembly|Council|"
    r"Bank|Committee|Senate|Chamber|Court|Board)))(?:the )?[A-Z]|Prime Minister|King of|Premier|"
    r"Chancellor of|Shah of|Emperor|Chairman of the Council of Ministers)")


def _bounded(text: str, start: int, end: int) -> bool:
    """A match that is a whole word: no letter or digit runs on either side (a hyphen after
    may: "Kennedy-Khrushchev")."""
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
        return False  # ("East-West": a hyphen before makes a compound more often than not)
    return not (end < len(text) and text[end].isalnum())


_START, _END = attrgetter("start"), attrgetter("end")


def _choose(hits: list[_Hit], taken: list[tuple[int, int]]) -> list[_Hit]:
    """Longest leftmost matches that overlap neither each other nor a markup mention."""
    out: list[_Hit] = []
    last_end = 0
    spans = sorted(taken)
    ends = [e for _, e in spans]
    # By start, the longest first (two stable sorts: cheaper than a key of two).
    hits = sorted(hits, key=_END, reverse=True)
    hits.sort(key=_START)
    for h in hits:
        if h.start < last_end:
            continue
        if spans:
            # The first markup span ending after this start overlaps it if it starts before
            # this end (markup spans do not overlap one another).
            i = bisect_right(ends, h.start)
            if i < len(spans) and spans[i][0] < h.end:
                continue
        out.append(h)
        last_end = h.end
    return out


def dates_nearby(records: Sequence[Record]) -> list[str | None]:
    """For each undated record, the date of the nearest dated one before it in the volume's
    order, else after it (an editorial note sits among the documents of its time); None for
    a dated record, or when none is dated."""
    def own(r: Record) -> str | None:
        return r.date or r.date_not_before

    before: list[str | None] = []
    last: str | None = None
    for r in records:
        before.append(None if own(r) else last)
        last = own(r) or last
    out: list[str | None] = [None] * len(records)
    last = None
    for i in range(len(records) - 1, -1, -1):
        r = records[i]
        out[i] = None if own(r) else before[i] or last
        last = own(r) or last
    return out


def _tie(cands: list[Entry]) -> tuple[str, ...]:
    """The candidates an unresolved mention keeps: register ids, else list keys."""
    return tuple(sorted({e.register_id or e.key for e in cands}))


def _full_positions(hits: list[_Hit], text: str) -> dict[str, list[int]]:
    """Where each candidate is named by a fuller form ("Robert Kennedy") in the document; a
    name printed in order ("Ho Thong Minh") is its own surname form, and as full."""
    found: dict[str, list[int]] = {}
    for h in hits:
        if not isinstance(h.payload, tuple) or len(h.payload) != 1:
            continue
        if h.kind == "full" or (h.kind == "surname" and " " in text[h.start : h.end]):
            found.setdefault(h.payload[0], []).append(h.start)
    return found


def _not_a_person(text: str, start: int, end: int, cands: list[Entry],
                  given_names: frozenset[str]) -> bool:
    """A surname that names a thing ("Kennedy Library"), a place ("Fort Knox"), or someone
    else with a given name none of the candidates has ("Edward Kennedy")."""
    if text[end : end + 2] in ("'t", "’t"):
        return True  # "Don't"
    if text[end : end + 1] == "-":
        joined = word_after(text, end + 1)
        if joined[:1].isupper() and _ADJECTIVE.search(joined):
            return True  # "Franco-American relations" ("Kennedy-Khrushchev" stays)
    after = word_after(text, end) if end < len(text) and text[end] == " " else ""
    if after in THINGS or after.title() in THINGS:
        return True
    if after.isupper():
        after = after.title()  # "NIXON DOCTRINE"
    if text[start:end] in SENTENCE_WORDS and after[:1].islower():
        return True  # "Can we ...", "Do you ..."
    compound = bool(after) and after[0].isupper() and after not in CONCEPTS \
        and after not in FUNCTION_WORDS and after not in TITLES
    before = word_before(text, start)
    if before == "the":
        return after not in CONCEPTS  # "the West"; but "the Kennedy Administration"
    if compound:
        return True
    if not before or before in TITLES or before in FUNCTION_WORDS or before in NICKNAMES:
        return False
    if before in PLACES_BEFORE:
        return True
    if before in given_names and before[0].isupper():
        return not any(before in e.given for e in cands)  # "Edward Kennedy": someone else
    return _unknown_word_before(text, start, end, before, cands)


# Nationality and other adjectives ("Bavarian Strauss", "Iraqi", "Lebanese", "Turkish").
_ADJECTIVE = re.compile(r"(?:an|ese|ish|i)$")


def _unknown_word_before(text: str, start: int, end: int, before: str, cands: list[Entry]
                         ) -> bool:
    """A capitalised word that is none of the candidates' names, printed just before the
    surname in mid-sentence ("Hyun Chul Kim", "Honest John", "Cam Ranh Bay"): someone or
    something else. (A word opening a sentence, an initial, a word in capitals, an adjective
    say nothing.)"""
    if not before or not before[0].isupper() or before.isupper() or before.endswith(".") \
            or _ADJECTIVE.search(before) or before in OFFICE_ENDS or " " in text[start:end]:
        return False
    at = text.rfind(before, 0, start)
    lead = text[:at].rstrip(" \t")
    if "\n" in text[at:start] or not lead or lead[-1] in ".!?:;\"“”(\n[":
        return False  # (a line of its own, or a sentence, opens with the word)
    return not any(before in e.name or before in e.given or any(before in a for a in e.aliases)
                   for e in cands)


def _someone_else(text: str, start: int, e: Entry) -> bool:
    """The words before a surname name someone the one candidate cannot be: a nickname in
    quotes they are not known by (“Big” Minh for Ho Chi Minh), a familiar form of another
    given name ("Bobby Kennedy" for John F. Kennedy), or a minister's title before
    a head of state's or government's name ("MND Kim" for Kim Il-sung)."""
    nickname = quoted_nickname(text, start)
    if nickname:
        return nickname.casefold() not in e.name.casefold()
    before = word_before(text, start)
    given = GIVEN_FOR_NICKNAME.get(before)
    if given is not None:
        return bool(e.given) and not (given & e.given)
    if before not in TITLES or not e.description or e.volume_id is None:
        return False  # (the register's entries have no description to compare)
    titles = " ".join(ABBREVIATIONS.get(t, t) for t in titles_before(text, start))
    # (A head of government may be "Prime Minister" or "Premier": only a lesser minister's
    # title before a head's name is taken as a sign of someone else.)
    return "Minister" in titles and "Prime" not in titles and bool(_HEAD.search(e.description)) \
        and "minister" not in e.description.casefold()


def _not_their_nickname(text: str, start: int, e: Entry) -> bool:
    """A familiar form before the surname that stands for none of their given names
    ("Bobby Kennedy" for John F. Kennedy)."""
    given = GIVEN_FOR_NICKNAME.get(word_before(text, start))
    return given is not None and bool(e.given) and not (given & e.given)


def _post_of(record: Record) -> str | None:
    """Where "the Ambassador" serves: an embassy sender, else a dateline outside Washington."""
    sender = record.sender or ""
    if any(w in sender for w in ("Embassy", "Mission", "Legation", "Delegation")):
        return sender
    place = record.place or ""
    if place and "Washington" not in place:
        return place
    return None


def _put(persons: dict[tuple[str | None, str, str, tuple[str, ...]], PersonLink],
         e: Entry | None, tied: tuple[str, ...], how: str, mention: Mention) -> None:
    if e is None:
        key: tuple[str | None, str, str, tuple[str, ...]] = (None, mention.text, how, tied)
        link = persons.get(key)
        if link is None:
            link = persons[key] = PersonLink(None, mention.text, how=how, candidates=list(tied))
    else:
        key = (e.key, "", how, ())
        link = persons.get(key)
        if link is None:
            link = persons[key] = PersonLink(e.register_id, e.name, how=how,
                                             volume_id=e.volume_id)
    link.mentions.append(mention)


def link_digest(persons: list[PersonLink], terms: list[TermLink]) -> str:
    """A canonical text of a record's links, every field and mention: equal texts, equal links."""
    rows = [repr(asdict(p)) for p in persons] + [repr(asdict(t)) for t in terms]
    return "\n".join(rows)
