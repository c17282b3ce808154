"""Person names as lists print them ("Kohler, Foy D.") into the forms text uses for them.

Pure functions: any string gives a `NameForms` or raises `NameFormError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from cablegram.errors import FieldError


class NameFormError(FieldError):
    """A name with nothing in it to match in text."""


@dataclass(slots=True)
class NameForms:
    """`surname` alone ("Kohler") and the fuller forms ("Foy D. Kohler", "F.D. Kohler")."""

    surname: str
    full: list[str] = field(default_factory=list)
    # A name printed in order ("Thanat Khoman", "Ngo Dinh Diem") is cited by either end.
    ends: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)  # "Nasr" for "Nasser (Nasr), Gamal"


_TITLE_WORDS = frozenset({
    "Vice", "Deputy", "Under", "Assistant", "Minister", "Prime", "Foreign", "General", "Admiral",
    "Colonel", "Ambassador", "President", "Secretary", "Chairman", "King", "Queen", "Prince",
    "Shah", "Emperor", "Sultan", "Sheikh", "Lieutenant", "Major", "Marshal", "Air", "Field",
    "Director", "Chief", "Head", "Governor", "Senator", "Chancellor", "Premier", "Member",
    "Col.", "Gen.", "Maj.", "Lt.", "Adm.", "Dr.", "Mr.", "Mrs.", "Brigadier", "Army", "Navy",
    "Force", "Corps", "USA", "USN", "USAF", "USMC", "Ret.", "Madame", "Mme.",
})
# Words of offices and bodies: a "name" holding one is a heading of a list, not a person.
_NOT_NAMES = frozenset({
    "Affairs", "Security", "Office", "Bureau", "Department", "Division", "Staff", "Council",
    "Committee", "Service", "Agency", "Ministry", "Embassy", "Mission", "Delegation", "Group",
    "Board", "Commission", "for", "of", "and", "the", "to", "in", "on",
})
_PARTICLES = frozenset({"De", "Van", "Von", "Le", "La", "Du", "Da", "Di", "El", "Al", "Del",
                        "Des", "Dos", "Das", "Ben", "Abu", "Ibn", "Bin", "Mac", "St.", "San"})
_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv", "2d", "3d"})
# Parenthesised nicknames ("Carter, James Earl (“Jimmy”), Jr.") and bracketed notes.
_PARENS = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_NICK = re.compile(r"[^\W\d_][\w-]+")
# A surname must start with a letter (capital in text) and hold a letter beyond particles.
_WORD = re.compile(r"[^\W\d_]")


def name_forms(name: str) -> NameForms:
    """The forms of a listed name: "Surname, Given[, Suffix]" or a name printed in order."""
    variants: list[str] = []
    nicknames: list[str] = []
    if "(" in name or "[" in name:  # (most names have no parentheses: no regex for them)
        head, comma, rest = name.partition(",")
        # "Nasser (Nasr, Nassir), Gamal": other spellings of the surname; "(“Tommy”)" after
        # the given names: a nickname. (A comma inside the parentheses is not the name's.)
        if "(" in head and ")" not in head and ")" in rest:
            close = rest.index(")")
            head, rest = f"{head},{rest[:close + 1]}", rest[close + 1 :].lstrip(",")
            comma = ","
        variants = [w for m in _PARENS.findall(head) for w in _NICK.findall(m) if w[0].isupper()]
        nicknames = [w for m in _PARENS.findall(rest) for w in _NICK.findall(m)]
        name = f"{_PARENS.sub('', head)}{comma}{rest}"
        clean = _PARENS.sub("", name)
    else:
        clean = name
    # (`split` collapses every run of white space, as `\s+` does.)
    clean = " ".join(clean.split()).strip(" ,;")
    if "“" in clean or "”" in clean or '"' in clean:
        clean = clean.replace("“", "").replace("”", "").replace('"', "")
    if "," in clean:
        parts = [p.strip() for p in clean.split(",") if p.strip()]
    else:
        parts = [clean.strip()] if clean.strip() else []
    if not parts or not _has_letter(parts[0]):
        raise NameFormError(f"no name in {name!r}")
    if len(parts) > 1 and parts[1].split()[0] in _TITLE_WORDS:
        # "Sudomo, Vice Admiral": a title, not given names; "al-Said, General Nuri": a title,
        # then the given name
        given_words = parts[1].split()
        while given_words and (given_words[0] in _TITLE_WORDS or given_words[0].islower()):
            given_words = given_words[1:]  # ("General of the Army Omar")
        parts = [parts[0], " ".join(given_words), *parts[2:]] if given_words else parts[:1]
    if len(parts) == 1:
        tokens = parts[0].split()
        if any(t in _NOT_NAMES for t in tokens):
            raise NameFormError(f"an office, not a name: {name!r}")  # "Security Affairs"
        inner = next((i for i, t in enumerate(tokens) if i and t in _TITLE_WORDS), None)
        if inner is not None and inner + 1 < len(tokens):
            # "Nasser Colonel Gamal Abdel": a list's "Surname Title Given" without its comma
            surname_part = " ".join(tokens[:inner])
            return name_forms(f"{surname_part}, {' '.join(tokens[inner + 1:])}")
        # A name printed in order ("U Thant", "Mao Zedong"): the whole name, and its ends.
        if tokens[-1].endswith(".") and len(tokens[-1]) > 3:
            tokens[-1] = tokens[-1][:-1]  # "Krishna Menon." (a list's full stop)
        while len(tokens) > 1 and (tokens[0] in _TITLE_WORDS or tokens[0].islower()):
            if tokens[0].islower():  # "Shah of Iran", "King of the Belgians": a title only
                raise NameFormError(f"a title, not a name: {name!r}")
            tokens = tokens[1:]  # "President Abboud"
        ends = [t for t in (tokens[0], tokens[-1]) if len(tokens) > 1 and len(t) > 2
                and t[0].isupper() and t.isalpha()]
        return NameForms(surname=" ".join(tokens), ends=_unique(ends))
    surname, given = parts[0], parts[1]
    if given.startswith("The ") or given.split()[-1] in ("of", "the"):
        raise NameFormError(f"a title, not a name: {name!r}")  # "Iran, The Shah-in-Shah of"
    suffix = next((p for p in parts[2:] if p.casefold() in _SUFFIXES), None) \
        if len(parts) > 2 else None
    if given.casefold() in _SUFFIXES:  # "Smith, Jr., John"
        given = parts[2] if len(parts) > 2 else ""
    forms = NameForms(surname, [], [], [v for v in variants if v != surname] if variants else [])
    first = surname.split()[0]
    if " " in surname and first[0].isupper() and len(first) > 2 and first not in _PARTICLES:
        forms.ends = [first]  # "Couve" for "Couve de Murville", "Ayub" for "Ayub Khan"
    if given and _has_letter(given):
        tokens = given.split()
        candidates = [f"{given} {surname}", f"{tokens[0]} {surname}"]
        # Any given name alone ("Averell Harriman" for "Harriman, W. Averell"), nicknames too.
        candidates += [f"{t} {surname}" for t in [*tokens[1:], *nicknames]
                       if len(t) > 2 and not t.endswith(".")]
        initials = [t[0] + "." for t in tokens if t[0].isalpha()]
        if initials:
            candidates += [f"{initials[0]} {surname}", f"{''.join(initials)} {surname}",
                           f"{' '.join(initials)} {surname}"]
        if suffix:
            candidates += [f"{given} {surname}, {suffix}", f"{given} {surname} {suffix}"]
        unique = dict.fromkeys(candidates)
        unique.pop(surname, None)
        forms.full = list(unique)
    return forms


def _has_letter(text: str) -> bool:
    # (A letter first, the usual case, without the regex.)
    return text[0].isalpha() or _WORD.search(text) is not None


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
