"""Authority folders among the paths given to ingest: the people register and pocom.

They are recognised by their layout, not walked as documents, and signed as a whole (every
file's path, size and time), so that ingesting an unchanged folder again is a no-op:

- the people register: a `data/` folder of numbered folders holding `NNNNNN.xml` person files
  (`data/100000/1/0/3/3/103362.xml`);
- pocom: `people/`, `positions-principals/` and `missions-countries/` folders (and others,
  such as `missions-orgs/`, `roles-country-chiefs/`).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cablegram.errors import ReadError

PEOPLE, POCOM = "people", "pocom"
KINDS: tuple[str, ...] = (PEOPLE, POCOM)
POCOM_REQUIRED: tuple[str, ...] = ("people", "positions-principals", "missions-countries")
# Any one of these marks a folder as meant to be pocom (then all of POCOM_REQUIRED must be).
POCOM_MARKERS: frozenset[str] = frozenset({
    "positions-principals", "missions-countries", "missions-orgs", "roles-country-chiefs",
    "concurrent-appointments"})
_NUMBERED = re.compile(r"\d{6}")
_PERSON_FILE = re.compile(r"\d{6}\.xml")


@dataclass(slots=True)
class Split:
    """The paths to ingest: authority folders by kind, and the files to read as documents."""

    authorities: dict[str, Path] = field(default_factory=dict)
    # Folders that look like an authority folder but are not laid out as one, and why.
    bad: list[tuple[Path, str]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def authority_kind(folder: Path) -> str | None:
    """'pocom' or 'people' when the folder is meant as one (by its subfolders), else None."""
    try:
        subs = {p.name for p in folder.iterdir() if p.is_dir()}
    except OSError:
        return None
    if subs & POCOM_MARKERS:
        return POCOM
    data = folder / "data"
    if "data" in subs:
        try:
            if any(_NUMBERED.fullmatch(p.name) and p.is_dir() for p in data.iterdir()):
                return PEOPLE
        except OSError:
            return None
    return None


def layout_error(folder: Path, kind: str) -> str | None:
    """Why `folder` is not a `kind` folder after all, or None when it is one."""
    if kind == POCOM:
        missing = [d for d in POCOM_REQUIRED if not (folder / d).is_dir()]
        if missing:
            return ("not a pocom folder: no " + ", ".join(f"{d}/" for d in missing)
                    + " (pocom has " + ", ".join(f"{d}/" for d in POCOM_REQUIRED) + ")")
        if not any((folder / "people").rglob("*.xml")):
            return "not a pocom folder: people/ holds no .xml person files"
        return None
    for _, _, names in os.walk(folder / "data"):
        if any(_PERSON_FILE.fullmatch(n) for n in names):
            return None
    return "not a people register: no data/…/NNNNNN.xml person files"


def split_paths(paths: Iterable[str | Path], wanted: Callable[[Path], bool]) -> Split:
    """Authority folders (named, or found inside folders named) and the wanted files of the
    rest (sorted per folder named), each once; authority folders are not walked."""
    out = Split()
    seen: set[Path] = set()

    def take_folder(folder: Path, kind: str) -> None:
        reason = layout_error(folder, kind)
        if reason is not None:
            out.bad.append((folder, reason))
        elif kind in out.authorities and out.authorities[kind].resolve() != folder.resolve():
            out.bad.append((folder, f"a second {kind} folder in one ingest "
                                    f"(the first: {out.authorities[kind]})"))
        else:
            out.authorities[kind] = folder

    for raw in paths:
        p = Path(raw)
        if not p.is_dir():
            found = [p]
        else:
            found = []
            for here, dirs, names in os.walk(p):
                folder = Path(here)
                kind = authority_kind(folder)
                if kind is not None:
                    take_folder(folder, kind)
                    dirs.clear()
                    continue
                dirs.sort()
                found += [folder / n for n in names if wanted(folder / n)]
            found.sort()
        for q in found:
            key = q.resolve()
            if key not in seen:
                seen.add(key)
                out.files.append(q)
    return out


def folder_signature(folder: Path) -> str:
    """SHA-256 over every file of the folder: its path inside the folder, size and
    modification time. Statting the register's 16,000 files takes a tenth of the time that
    reading them does; a file touched but unchanged only costs one needless reload."""
    top = os.fspath(folder)
    cut = len(os.path.join(top, ""))  # a file's path inside the folder follows this prefix
    lines: list[str] = []
    try:
        for here, dirs, names in os.walk(top):
            dirs.sort()
            base = os.path.join(here, "")
            for name in sorted(names):
                path = base + name
                st = os.stat(path)
                lines.append(f"{path[cut:]}\0{st.st_size}\0{st.st_mtime_ns}\n")
    except OSError as e:
        raise ReadError(folder, f"cannot read: {e.strerror or e}") from None
    # One update of the lines joined: the same digest as one update per line, faster.
    return hashlib.sha256("".join(lines).encode()).hexdigest()
