"""Linking in the archive: the authorities loaded once per process, and records linked with them.

`LinkSetup` is what a process needs to link: the stored authorities (`Authorities.from_json`)
and a `Linker` over them, made once. The ingest hands them to its readers with a `Handoff`:
a reader thread makes one setup in this process, and each reader process makes its own once
from a file the ingest writes for it (`cablegram.read_worker`), never once per volume.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from cablegram.errors import CablegramError
from cablegram.link.authorities import Authorities
from cablegram.link.linker import Linker, dates_nearby
from cablegram.record import Batch, Record
from cablegram.store.base import AuthorityRows


def stamp_of(data: str) -> str:
    """The name of an authorities' content: a collection linked with another is linked again."""
    return hashlib.sha256(data.encode()).hexdigest()[:16]


@dataclass(slots=True)
class LinkSetup:
    """The authorities and a linker over them, for one process."""

    stamp: str
    authorities: Authorities
    linker: Linker

    @classmethod
    def from_json(cls, stamp: str, data: str) -> LinkSetup:
        auth = Authorities.from_json(data)
        return cls(stamp, auth, Linker(auth))

    def link_batch(self, batch: Batch) -> None:
        """Every record of the batch gets its persons and terms; the volume's own persons and
        terms lists join the authorities first, and their data warnings join the batch's."""
        known = len(self.authorities.warnings)
        col = batch.collection
        # A page of a volume (text, HTML, catalog) has no lists of its own: the linker then
        # takes the volume's persons from the register; an empty list would hide them.
        if col.persons or col.terms:
            self.authorities.add_volume(col)
        batch.warnings.extend(self.authorities.warnings[known:])
        for record, near in zip(batch.records, dates_nearby(batch.records), strict=True):
            self.link_record(record, batch.warnings, near)

    def link_record(self, record: Record, warnings: list[str], near: str | None = None) -> None:
        try:
            record.persons, record.terms = self.linker.link(record, near)
        except Exception as e:
            # A linker bug must not lose the document: it is stored unlinked, and said so.
            warnings.append(f"{record.id}: internal error in the linker, not linked: "
                            f"{type(e).__name__}: {e}")


def authority_rows(auth: Authorities, sources: dict[str, tuple[str, str]]) -> AuthorityRows:
    """What the store keeps of the authorities: their JSON, and the tables for lookups."""
    data = auth.to_json()
    persons = [(p.id, p.name, list(p.names), p.birth, p.death)
               for p in auth.persons.values()]
    appointments: list[tuple[str | None, str | None, str, str, str | None, str | None,
                             str | None]] = [
        (a.person_id, a.pocom_id, a.name, a.role, a.post, a.start, a.end)
        for a in auth.appointments]
    return AuthorityRows(sources=sources, stamp=stamp_of(data), data=data, persons=persons,
                         appointments=appointments)


class Handoff:
    """The authorities for an ingest's readers, published once they are known.

    The readers start at once and read their first files while the authorities are loaded
    and stored; they wait only when they have records to link. A reader thread of this
    process takes them with `setup()`; a reader process, from `file` (`wait_for_setup`):
    the stamp on the first line, then the JSON; an empty file: nothing to link with.
    """

    def __init__(self, file: Path) -> None:
        self.file = file
        self._stored: Future[tuple[str, str] | None] = Future()
        self._loaded: Authorities | None = None
        self._setup: LinkSetup | None = None
        self._lock = threading.Lock()

    @property
    def stamp(self) -> str | None:
        """The stamp published (None: not yet, or no authorities)."""
        stored = self._stored.result() if self._stored.done() else None
        return stored[0] if stored else None

    def publish(self, stored: tuple[str, str] | None,
                authorities: Authorities | None = None) -> None:
        """Hand (stamp, JSON) or None to the readers; only the first call counts.
        `authorities`: that JSON's authorities, loaded already (not read back in this
        process)."""
        if self._stored.done():
            return
        self._loaded = authorities if stored is not None else None
        tmp = self.file.with_name(self.file.name + ".tmp")
        tmp.write_text("" if stored is None else f"{stored[0]}\n{stored[1]}", encoding="utf-8")
        os.replace(tmp, self.file)  # whole, at once: a reader never sees half of it
        self._stored.set_result(stored)

    @property
    def made(self) -> LinkSetup | None:
        """The setup a reader thread made, if one did (the archive keeps it for later)."""
        return self._setup

    def setup(self) -> LinkSetup | None:
        """For reader threads: waits for `publish`; the setup is made once."""
        stored = self._stored.result()
        if stored is None:
            return None
        with self._lock:
            if self._setup is None:
                try:
                    loaded, self._loaded = self._loaded, None
                    self._setup = (LinkSetup(stored[0], loaded, Linker(loaded))
                                   if loaded is not None else LinkSetup.from_json(*stored))
                except Exception as e:
                    raise CablegramError(f"the authorities could not be loaded: "
                                         f"{type(e).__name__}: {e} (run `cablegram link`)"
                                         ) from None
            return self._setup


def wait_for_setup(file: Path, poll: float = 0.02) -> LinkSetup | None:
    """For a reader process: the setup of `Handoff.publish`, once the file is there.

    Gives up (None) if the process that started this one is gone meanwhile.
    """
    parent = os.getppid()
    while not file.exists():
        if os.getppid() != parent:
            return None
        time.sleep(poll)
    stamp, _, data = file.read_text(encoding="utf-8").partition("\n")
    return LinkSetup.from_json(stamp, data) if data else None
