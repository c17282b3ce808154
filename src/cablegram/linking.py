"""Linking in the archive: the authorities loaded once per process, and records linked with them.

`LinkSetup` is what a process needs to link: the stored authorities (`Authorities.from_json`)
and a `Linker` over them, made once. The ingest makes one in its own process (reading in a
thread) and each reader process makes its own from a file the ingest writes for it
(`cablegram.read_worker`), so that a worker reads the authorities once, not per volume.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cablegram.link.authorities import Authorities
from cablegram.link.linker import Linker
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

    @classmethod
    def from_file(cls, path: Path) -> LinkSetup:
        """A setup written by `write` (the stamp on the first line, then the JSON)."""
        stamp, _, data = path.read_text(encoding="utf-8").partition("\n")
        return cls.from_json(stamp, data)

    @staticmethod
    def write(path: Path, stamp: str, data: str) -> None:
        path.write_text(f"{stamp}\n{data}", encoding="utf-8")

    def link_batch(self, batch: Batch) -> None:
        """Every record of the batch gets its persons and terms; the volume's own persons and
        terms lists join the authorities first, and their data warnings join the batch's."""
        known = len(self.authorities.warnings)
        self.authorities.add_volume(batch.collection)
        batch.warnings.extend(self.authorities.warnings[known:])
        for record in batch.records:
            self.link_record(record, batch.warnings)

    def link_record(self, record: Record, warnings: list[str]) -> None:
        try:
            record.persons, record.terms = self.linker.link(record)
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
