"""Authorities: the people register, pocom's appointments, and each volume's persons and terms.

Bad authority data never stops loading: each problem is one line in `warnings`, naming the
file (or volume) and the entry.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree

from cablegram.collector import collector_paused
from cablegram.record import Collection

# "…/historicaldocuments/frus1961-63v06/persons#p_KFD1" and "…/departmenthistory/people/ID".
_VOLUME_URL = re.compile(r"/historicaldocuments/([^/#]+)/persons#(\S+)$")
_POCOM_URL = re.compile(r"/departmenthistory/people/([^/#\s]+)$")


@dataclass(slots=True)
class RegisterPerson:
    id: str
    name: str
    names: list[str]
    volume_ids: dict[str, list[str]]
    pocom_id: str | None
    birth: int | None
    death: int | None


@dataclass(slots=True)
class Appointment:
    """One pocom chief-of-mission or principal-officer term; `post` a territory or position id."""

    person_id: str | None
    pocom_id: str
    name: str
    role: str
    post: str
    start: str | None
    end: str | None


@dataclass(slots=True)
class VolumePerson:
    """An entry of a volume's persons list, tied to the register when the register knows it."""

    xml_id: str
    name: str
    description: str | None = None
    register_id: str | None = None
    see: str | None = None  # a cross-reference ("Diem", "see Ngo Dinh Diem"): the entry meant


@dataclass(slots=True)
class Authorities:
    persons: dict[str, RegisterPerson] = field(default_factory=dict)
    appointments: list[Appointment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # volume id -> its persons list; terms: volume id -> {term: expansion}.
    volumes: dict[str, list[VolumePerson]] = field(default_factory=dict)
    terms: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, people_dir: Path | None, pocom_dir: Path | None) -> Authorities:
        """The register (people_dir or its data/ tree) and pocom; either may be None."""
        auth = cls()
        with collector_paused():
            if people_dir is not None:
                auth._load_register(Path(people_dir))
            if pocom_dir is not None:
                auth._load_pocom(Path(pocom_dir))
            auth._load_presidents()
        return auth

    # -- volumes ------------------------------------------------------------------------

    def add_volume(self, collection: Collection) -> None:
        """A volume's own persons and terms lists (they win over what the register says of it)."""
        by_volume = self._register_by_volume_id(collection.id)
        listed: list[VolumePerson] = []
        seen: set[str] = set()
        for p in collection.persons:
            if p.xml_id in seen:
                self.warnings.append(
                    f"{collection.id}: persons list repeats id {p.xml_id} ({p.name}); "
                    "the first entry is kept")
                continue
            seen.add(p.xml_id)
            listed.append(VolumePerson(p.xml_id, p.name, p.description, by_volume.get(p.xml_id)))
        _tie_cross_references(listed)
        self.volumes[collection.id] = listed
        self.terms[collection.id] = {t.term: t.description for t in collection.terms
                                     if t.term and t.description}

    def volume_persons(self, volume: str) -> list[VolumePerson]:
        """The volume's persons list: as added, else as the register's source URLs give it."""
        if volume not in self.volumes:
            self.volumes[volume] = [VolumePerson(xml_id, p.name, None, p.id)
                                    for xml_id, p in _listed_in(self, volume)]
        return self.volumes[volume]

    def _register_by_volume_id(self, volume: str) -> dict[str, str]:
        return {xml_id: p.id for xml_id, p in _listed_in(self, volume)}

    # -- register -----------------------------------------------------------------------

    def _load_register(self, people_dir: Path) -> None:
        root = people_dir / "data" if (people_dir / "data").is_dir() else people_dir
        for path in sorted(root.rglob("*.xml")):
            try:
                el = etree.parse(str(path)).getroot()
            except etree.XMLSyntaxError as e:
                self.warnings.append(f"{path}: not well-formed XML ({e.msg}); skipped")
                continue
            self._register_entry(el, path)

    def _register_entry(self, el: etree._Element, path: Path) -> None:
        e = _RegisterXml.of(el)
        pid = (e.id or "").strip()
        if not pid:
            self.warnings.append(f"{path}: register entry without an id; skipped")
            return
        preferred = (e.preferred or "").strip()
        names: list[str] = []
        volume_ids: dict[str, list[str]] = {}
        pocom_id = None
        for orig in e.originals:
            first: str | None = None  # (its first name, as findtext gives it)
            for part in orig:
                if part.tag == "name":
                    first = part.text or "" if first is None else first
                elif part.tag == "source-url":
                    u = (part.text or "").strip()
                    if m := _VOLUME_URL.search(u):
                        ids = volume_ids.setdefault(m.group(1), [])
                        if m.group(2) not in ids:
                            ids.append(m.group(2))
                    elif m := _POCOM_URL.search(u):
                        pocom_id = m.group(1)
            if n := (first or "").strip():
                names.append(n)
        names += [(a.text or "").strip() for a in e.alternates if a.text]
        name = preferred or next(iter(names), "")
        if not name:
            self.warnings.append(f"{path}: register entry {pid} has no name; skipped")
            return
        self.persons[pid] = RegisterPerson(
            id=pid, name=name, names=list(dict.fromkeys([name, *names])), volume_ids=volume_ids,
            pocom_id=pocom_id, birth=_year(e.birth), death=_year(e.death))

    # -- pocom --------------------------------------------------------------------------

    def _load_pocom(self, pocom_dir: Path) -> None:
        by_pocom = {p.pocom_id: p.id for p in self.persons.values() if p.pocom_id}
        names: dict[str, str] = {}
        for path in sorted((pocom_dir / "people").rglob("*.xml")):
            el = self._parse(path)
            if el is not None and (pid := (el.findtext("id") or "").strip()):
                fore = (el.findtext("persName/forename") or "").strip()
                sur = (el.findtext("persName/surname") or "").strip()
                names[pid] = " ".join(x for x in (fore, sur) if x) or pid
        for sub, item in (("missions-countries", "chiefs/chief"), ("missions-orgs", "chiefs/chief"),
                          ("positions-principals", "principals/principal")):
            for path in sorted((pocom_dir / sub).glob("*.xml")):
                el = self._parse(path)
                if el is None:
                    continue
                post = (el.findtext("territory-id") or el.findtext("id") or path.stem).strip()
                for entry in el.iterfind(item):
                    self._appointment(entry, post, path, by_pocom, names)

    def _appointment(self, entry: etree._Element, post: str, path: Path,
                     by_pocom: dict[str, str], names: dict[str, str]) -> None:
        pocom_id = (entry.findtext("person-id") or "").strip()
        entry_id = (entry.findtext("id") or "").strip() or "(no id)"
        if not pocom_id:
            self.warnings.append(f"{path}: entry {entry_id} names no person; skipped")
            return
        start = _date(entry.findtext("started/date")) or _date(entry.findtext("appointed/date"))
        end = _date(entry.findtext("ended/date"))
        if start and end and end < start:
            self.warnings.append(f"{path}: entry {entry_id} ends ({end}) before it starts "
                                 f"({start}); its end date is ignored")
            end = None
        self.appointments.append(Appointment(
            person_id=by_pocom.get(pocom_id), pocom_id=pocom_id,
            name=names.get(pocom_id, pocom_id),
            role=(entry.findtext("role-title-id") or "").strip(),
            post=post, start=start, end=end))

    def _parse(self, path: Path) -> etree._Element | None:
        try:
            return etree.parse(str(path)).getroot()
        except etree.XMLSyntaxError as e:
            self.warnings.append(f"{path}: not well-formed XML ({e.msg}); skipped")
            return None

    def _load_presidents(self) -> None:
        """Presidents are not in pocom: a shipped table, tied to the register by preferred name."""
        text = resources.files("cablegram").joinpath("data/presidents.tsv").read_text("utf-8")
        by_name = {p.name: p.id for p in self.persons.values()}
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            name, start, end = line.split("\t")[:3]
            self.appointments.append(Appointment(
                person_id=by_name.get(name), pocom_id="", name=name, role="president",
                post="president", start=start, end=end or None))

    # -- storage ------------------------------------------------------------------------

    def to_json(self) -> str:
        """The JSON of `dataclasses.asdict(self)`, built without its deep copies (4x faster:
        the ingest waits for it before its readers link)."""
        d = {"persons": {k: _row(p) for k, p in self.persons.items()},
             "appointments": [_row(a) for a in self.appointments],
             "warnings": self.warnings,
             "volumes": {k: [_row(p) for p in v] for k, v in self.volumes.items()},
             "terms": self.terms}
        return json.dumps(d, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Authorities:
        with collector_paused():
            return cls._from_dict(json.loads(text))

    @classmethod
    def _from_dict(cls, d: dict[str, Any]) -> Authorities:
        return cls(
            persons={k: RegisterPerson(**v) for k, v in d.get("persons", {}).items()},
            appointments=[Appointment(**a) for a in d.get("appointments", [])],
            warnings=list(d.get("warnings", [])),
            volumes={k: [VolumePerson(**p) for p in v] for k, v in d.get("volumes", {}).items()},
            terms={k: dict(v) for k, v in d.get("terms", {}).items()})


# id(persons) -> (persons, their number, {volume: [(xml id, person)]}): the register turned
# around once, not read whole for each volume; made again if persons are added (they are
# not changed once loaded). Kept here, not in a field: the authorities' JSON is `asdict`'s.
_BY_VOLUME: dict[int, tuple[dict[str, RegisterPerson], int,
                            dict[str, list[tuple[str, RegisterPerson]]]]] = {}


def _listed_in(auth: Authorities, volume: str) -> list[tuple[str, RegisterPerson]]:
    """(xml id, person) of the register's persons that `volume` lists, in register order."""
    persons = auth.persons
    cached = _BY_VOLUME.get(id(persons))
    if cached is None or cached[0] is not persons or cached[1] != len(persons):
        if len(_BY_VOLUME) > 8:
            _BY_VOLUME.clear()  # (tests make many authorities; a process links with one)
        by_volume: dict[str, list[tuple[str, RegisterPerson]]] = {}
        for p in persons.values():
            for vol, xml_ids in p.volume_ids.items():
                by_volume.setdefault(vol, []).extend((xml_id, p) for xml_id in xml_ids)
        cached = _BY_VOLUME[id(persons)] = (persons, len(persons), by_volume)
    return cached[2].get(volume, [])


@dataclass(slots=True)
class _RegisterXml:
    """What a register entry holds, found in one walk over its elements: `findtext` and
    `iterfind` of each path cost as much again as the parse (16,000 entries)."""

    id: str | None = None  # the first of each, as findtext gives it ("" if empty)
    preferred: str | None = None
    birth: str | None = None
    death: str | None = None
    originals: list[etree._Element] = field(default_factory=list)  # names/originals/original
    alternates: list[etree._Element] = field(default_factory=list)  # names/alternates/name

    @classmethod
    def of(cls, el: etree._Element) -> _RegisterXml:
        e = cls()
        for child in el:
            tag = child.tag
            if tag == "names":
                for group in child:
                    kind = group.tag
                    if kind == "originals":
                        e.originals += [o for o in group if o.tag == "original"]
                    elif kind == "alternates":
                        e.alternates += [a for a in group if a.tag == "name"]
                    elif kind == "preferred" and e.preferred is None:
                        e.preferred = next((n.text or "" for n in group if n.tag == "name"),
                                           None)
            elif tag == "id" and e.id is None:
                e.id = child.text or ""
            elif tag == "birth-year" and e.birth is None:
                e.birth = child.text or ""
            elif tag == "death-year" and e.death is None:
                e.death = child.text or ""
        return e


def _row(entry: RegisterPerson | Appointment | VolumePerson) -> dict[str, Any]:
    # Fields in declaration order, as asdict gives them (the slots of a slots dataclass).
    return {name: getattr(entry, name) for name in entry.__slots__}


def _tie_cross_references(listed: list[VolumePerson]) -> None:
    """Entries that only point elsewhere ("Diem", "see Ngo Dinh Diem") to the entry meant."""
    by_name: dict[str, VolumePerson] = {}
    for vp in listed:
        if not _SEE.match(vp.description or ""):
            by_name.setdefault(_plain(vp.name), vp)
            # "Ngo Dinh Diem" is also listed "Diem, Ngo Dinh" by some volumes
            if "," in vp.name:
                last, _, first = vp.name.partition(",")
                by_name.setdefault(_plain(f"{first} {last}"), vp)
    for vp in listed:
        m = _SEE.match(vp.description or "")
        if m:
            want = _plain(m.group(1))
            target = by_name.get(want)
            if target is None:  # "see Le Quang Tung" for "Le Quang Tung, Colonel"
                found = {id(t): t for n, t in by_name.items() if n.startswith(want)}
                target = next(iter(found.values())) if len(found) == 1 else None
            if target is not None:
                vp.see = target.xml_id
                vp.register_id = vp.register_id or target.register_id


_SEE = re.compile(r"^see (?:also )?(.+?)[.;]?$", re.IGNORECASE)


def _plain(name: str) -> str:
    """A name for comparison only: no parentheses, punctuation or spaces, case folded."""
    return re.sub(r"[\W_]+", "", re.sub(r"[(\[].*?[)\]]", "", name)).casefold()


def _year(text: str | None) -> int | None:
    t = (text or "").strip()
    return int(t[:4]) if len(t) >= 4 and t[:4].isdigit() else None


def _date(text: str | None) -> str | None:
    """An ISO date or year as printed in pocom ("1962-09-27", "1962"), else None."""
    t = (text or "").strip()
    return t if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", t) else None
