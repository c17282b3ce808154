"""The automata the linker matches with: one over the register's full names, one per volume.

A key is a name form as printed (case kept); its payload is `(kind, value)`: kind "full" or
"surname" with a tuple of candidate keys, "term" with the expansion, or "role" with the role.
A candidate key is "v:<xml id>" (an entry of the volume's persons list) or "r:<register id>".

The automata are ahocorasick_rs's (Rust): the register's 150,000 forms take ~25 MB there
against ~110 MB as a pyahocorasick trie of Python values, and a text is scanned in one call
that returns every match. Payloads are shared: one tuple per distinct value, not per form.

They scan bytes, one per character (`haystack`), so that a match's offsets are the text's
own: ahocorasick_rs's `str` scan maps every byte of every text to its character first, which
cost as much as the scan itself. A character outside ASCII is a "?" there; the few forms
that hold one (or a "?") are checked against the text at each match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import ahocorasick_rs
from rapidfuzz import fuzz

from cablegram.errors import FieldError
from cablegram.link.authorities import Authorities
from cablegram.link.context import ABBREVIATIONS, FUNCTION_WORDS, TITLES
from cablegram.link.names import NameForms, name_forms
from cablegram.link.terms import terms_for

# Bare roles: resolved by date (and post for "the Ambassador").
ROLE_PHRASES = {
    "the President": "president", "The President": "president",
    "the Secretary": "secretary-of-state", "The Secretary": "secretary-of-state",
    "the Secretary of State": "secretary-of-state",
    "The Secretary of State": "secretary-of-state",
    "the Ambassador": "chief-of-mission", "The Ambassador": "chief-of-mission",
}


# Where a person is called by the name a list gives as the given name ("Thanat" for
# "Khoman, Thanat").
_GIVEN_NAME_USED = re.compile(
    r"\b(?:Thai|Thailand|Lao|Laos|Laotian|Indonesia|Indonesian|Burma|Burmese|Cambodia|"
    r"Cambodian|Iceland|Icelandic|Iraq|Iraqi|Saudi|Yemen|Yemeni|Kuwait|Oman|Bahrain|Qatar)\b")
# ... but not where the country is where or what someone else's official served:
# "Ambassador to Iceland", "Embassy in Iraq", "Iraqi Affairs", "aide to Saudi Minister of Oil"
# ("forces in Laos", "Deputy in Lao National Assembly" are Lao).
_SERVED_BEFORE = frozenset({"to", "on", "for", "with", "at"})
_SERVED_AFTER = frozenset({"Affairs", "Desk", "Task", "special", "Working", "conflict"})
# An American's (or another foreigner's) office for that country, wherever it is named.
_POST_FOR_COUNTRY = re.compile(
    r"\b(?:Country Director|Officer[- ]in[- ]Charge|Department of State|Bureau of|Division|"
    r"country office|Interests Section|Deputy Chief of Mission|Consul General|"
    r"Petroleum Company|Oil Company|USMTM|USAF|USA|USN|U\.S\.|Embassy in|Ambassador to "
    r"(?!the United States))")
_POSTED = re.compile(r"\b(?:Embassy|Legation|Mission|Consul\w*|[Aa]ttach[eé]|Charg[eé]|"
                     r"Counselor|Ambassador|Commissioner|Director|representative)\b")


def called_by_given_name(description: str) -> bool:
    """A list entry's description that makes them a national of a country whose people are
    called by their given name (a Thai, Lao, Indonesian, Saudi... official)."""
    if _POST_FOR_COUNTRY.search(description):
        return False
    for m in _GIVEN_NAME_USED.finditer(description):
        before = description[: m.start()].split()[-6:]
        after = description[m.end() :].split()[:1]
        served = bool(before) and (
            before[-1] in _SERVED_BEFORE
            or (before[-1] == "in" and _POSTED.search(" ".join(before)) is not None))
        of_office = (bool(after) and after[0].strip(",;") in _SERVED_AFTER) \
            or description[m.end() : m.end() + 1] in ("-", "–", "/")  # "Iraq-Jordan Affairs"
        if served or of_office:
            continue
        return True
    return False


@dataclass(slots=True)
class Entry:
    """A person the linker can name: register id and/or volume xml id, display name."""

    key: str
    name: str
    register_id: str | None
    volume_id: str | None
    description: str = ""
    surname: str = ""
    given: frozenset[str] = frozenset()  # given names and initials ("Foy", "F.")
    birth: int | None = None
    death: int | None = None
    aliases: frozenset[str] = frozenset()  # cross-references' names ("Nhu", see Ngo Dinh Nhu)
    short: frozenset[str] = frozenset()  # what the list's own name is cited by, alone


Payload = tuple[str, "tuple[str, ...] | str"]


def haystack(text: str) -> bytes:
    """What an automaton scans for `text`: a byte per character, "?" for one beyond ASCII."""
    return text.encode("ascii", "replace")


@dataclass(slots=True)
class Automaton:
    """Name forms to find in text, and what each one found means."""

    matcher: ahocorasick_rs.BytesAhoCorasick | None  # None: no forms at all
    payloads: list[Payload]
    # Form number -> form, for the forms whose bytes also match other text ("?").
    checked: dict[int, str] = field(default_factory=dict)

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """Every occurrence of every form, overlapping ones too: (form number, start, end)."""
        checked = self.checked
        return [m for m in self.scan(haystack(text))
                if m[0] not in checked or text[m[1] : m[2]] == checked[m[0]]]

    def scan(self, scanned: bytes) -> list[tuple[int, int, int]]:
        """`matches` in a text's `haystack`, but the forms of `checked` still to check."""
        if self.matcher is None:
            return []
        return self.matcher.find_matches_as_indexes(scanned, overlapping=True)


@dataclass(slots=True)
class Index:
    automaton: Automaton
    entries: dict[str, Entry] = field(default_factory=dict)
    surnames: frozenset[str] = frozenset()  # (register) every surname known
    given: frozenset[str] = frozenset()  # (register) every given name known
    by_surname: dict[str, tuple[str, ...]] = field(default_factory=dict)  # (volume)
    # (volume) register id -> the first of the entries tied to it
    by_register: dict[str, Entry] = field(default_factory=dict)


def _forms(name: str) -> NameForms | None:
    try:
        return name_forms(name)
    except FieldError:
        return None


def _expanded(text: str) -> str:
    """A description with abbreviated titles written out ("Maj. Gen." -> "Major General")."""
    return " ".join(ABBREVIATIONS.get(w, w) for w in text.split())


def _variant(surname: str, listed: str) -> bool:
    """Another spelling of the listed surname ("Kuznetzov", "Pahlevi"), not another name."""
    return fuzz.ratio(surname, listed) >= 70 or surname in listed or listed in surname


def _given(forms: NameForms) -> frozenset[str]:
    return frozenset(f.rsplit(" ", 1)[0].split()[0] for f in forms.full if " " in f)


@dataclass(slots=True)
class _Table:
    """Name forms and the candidate keys they name, fuller forms and surnames apart. (Lists,
    deduplicated at the end: the register's 150,000 forms would take 70 MB of sets.)"""

    full: dict[str, list[str]] = field(default_factory=dict)
    surname: dict[str, list[str]] = field(default_factory=dict)

    def surnames_only(self) -> dict[str, tuple[str, ...]]:
        full = self.full
        return {form: (keys[0],) if len(keys) == 1 else tuple(sorted(set(keys)))
                for form, keys in self.surname.items() if form not in full}

    def __contains__(self, form: str) -> bool:
        return form in self.full or form in self.surname


# Words that are no one's name alone.
_NOT_FORMS = FUNCTION_WORDS | TITLES


def _add(table: _Table, form: str, key: str, full: bool, upper: bool = True) -> None:
    if len(form) < 2 or not form[0].isalpha() or form in _NOT_FORMS:
        return
    forms = table.full if full else table.surname
    keys = forms.get(form)
    if keys is None:
        forms[form] = [key]
    else:
        keys.append(key)
    if form[0].islower():  # "de Gaulle" opens a sentence as "De Gaulle"
        _add(table, form[0].upper() + form[1:], key, full, upper)
    if upper and len(form) > 3 and not form.isupper():
        # Telegrams sign "RUSK", "HENRY A. KISSINGER". (What `_add(..., upper=False)` does,
        # written out for the usual form: it runs for every form of the register.)
        big = form.upper()
        if big[0].isalpha() and not big[0].islower() and big not in _NOT_FORMS:
            keys = forms.get(big)
            if keys is None:
                forms[big] = [key]
            else:
                keys.append(key)
        else:
            _add(table, big, key, full, False)


def _automaton(table: _Table, surnames: dict[str, tuple[str, ...]],
               extra: dict[str, tuple[str, str]]) -> Automaton:
    """The automaton of a table's full forms, its `surnames_only`, and `extra` forms."""
    forms: list[str] = []
    payloads: list[Payload] = []
    shared: dict[Payload, Payload] = {}
    for kind, named in (("full", table.full), ("surname", surnames)):
        for form, keys in named.items():
            # (Most forms name one person: no set to sort.)
            value: Payload = (kind, (keys[0],) if len(keys) == 1 else tuple(sorted(set(keys))))
            forms.append(form)
            payloads.append(shared.setdefault(value, value))
    for form, value in extra.items():
        if form not in table:
            forms.append(form)
            payloads.append(value)
    if not forms:
        return Automaton(None, [])
    # Patterns are not kept on the Python side: a match gives the form's number.
    scanned = [haystack(form) for form in forms]
    checked = {i: form for i, (form, b) in enumerate(zip(forms, scanned, strict=True))
               if b"?" in b}
    matcher = ahocorasick_rs.BytesAhoCorasick(
        scanned, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
    return Automaton(matcher, payloads, checked)


def register_index(auth: Authorities) -> Index:
    """Full names of every register person (a surname alone is too ambiguous across volumes)."""
    table = _Table()
    entries: dict[str, Entry] = {}
    surnames: set[str] = set()
    for p in auth.persons.values():
        key = f"r:{p.id}"
        given: set[str] = set()
        own = None  # the forms of p.name
        for n in p.names:
            f = _forms(n)
            if n == p.name:
                own = f
            if f is None:
                continue
            surnames.add(f.surname)
            given |= _given(f)
            for form in f.full:
                _add(table, form, key, True)
        if own is None and p.name not in p.names:
            own = _forms(p.name)
        entries[key] = Entry(key, p.name, p.id, None, "", own.surname if own else p.name,
                             frozenset(given), p.birth, p.death)
    given_names = frozenset(g for e in entries.values() for g in e.given
                            if len(g) > 2 and not g.endswith("."))
    return Index(_automaton(table, table.surnames_only(), {}), entries, frozenset(surnames),
                 given_names)


def volume_index(auth: Authorities, volume: str) -> Index:
    """The volume's persons (every form the list and the register give them), terms, roles."""
    table = _Table()
    entries: dict[str, Entry] = {}
    aliases: dict[str, set[str]] = {}
    for vp in auth.volume_persons(volume):
        key = f"v:{vp.see or vp.xml_id}"
        rp = auth.persons.get(vp.register_id) if vp.register_id else None
        names = [vp.name, *(rp.names if rp else ())]
        given: set[str] = set()
        first = _forms(vp.name)
        for n in names:
            f = first if n is vp.name else _forms(n)
            if f is None:
                continue
            if n is not vp.name and first is not None and not _variant(f.surname, first.surname):
                continue  # the register's other names for them: "Iran, The Shah-in-Shah of"
            given |= _given(f)
            _add(table, f.surname, key, False)
            for form in f.variants:
                _add(table, form, key, False)
            if n is vp.name:  # (ends of the register's names are often first names)
                for form in f.ends:
                    _add(table, form, key, False)
            for form in f.full:
                _add(table, form, key, True)
        if first and first.full and called_by_given_name(vp.description or ""):
            # Thai, Lao, Indonesian... leaders are called by the name listed as given
            # (an initial is no name to be called by: "Fritzlan, A. David")
            given_name = first.full[0].split()[0]
            if not given_name.endswith("."):
                _add(table, given_name, key, False)
        if vp.see is not None:
            # Its forms go to the entry it points to; that entry is the person.
            # The name as printed, in order: "Nhu" for Ngo Dinh Nhu, "Madame Nhu" for Tran Le
            # Xuan ("Nhu, Madame"): only the first is "Nhu" alone.
            last, _, rest = vp.name.partition(",")
            aliases.setdefault(key, set()).add(" ".join(f"{rest} {last}".split()))
            continue
        short = {first.surname, *first.ends, *first.variants} if first else {vp.name}
        entries[key] = Entry(key, vp.name, vp.register_id, vp.xml_id,
                             _expanded(f"{vp.description or ''} {vp.name}"),
                             first.surname if first else vp.name, frozenset(given),
                             rp.birth if rp else None, rp.death if rp else None,
                             short=frozenset(short))
    for key, names_ in aliases.items():
        if key in entries:
            entries[key].aliases = frozenset(names_)
    extra: dict[str, tuple[str, str]] = {t: ("term", e) for t, e in terms_for(auth, volume).items()}
    extra.update({p: ("role", r) for p, r in ROLE_PHRASES.items()})
    by_surname = table.surnames_only()
    by_register: dict[str, Entry] = {}
    for e in entries.values():
        if e.register_id is not None:
            by_register.setdefault(e.register_id, e)
    return Index(_automaton(table, by_surname, extra), entries, by_surname=by_surname,
                 by_register=by_register)
