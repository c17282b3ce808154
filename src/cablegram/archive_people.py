"""The Archive's people: authorities stored, records linked, a person looked up.

A part of `Archive` (it inherits `PeopleMixin`), kept apart so that each module reads in
one sitting; `Archive` is still the one façade every face uses.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cablegram.authority_folders import KINDS, PEOPLE, POCOM, Split, folder_signature
from cablegram.errors import CablegramError, NotFound, ReadError
from cablegram.people import DocRef, PersonReport
from cablegram.record import Batch
from cablegram.store.base import AuthorityRows, Store
from cablegram.store.sqlite import record_json

if TYPE_CHECKING:
    from cablegram.archive import FileOutcome, LinkReport
    from cablegram.link.authorities import Authorities
    from cablegram.linking import Handoff, LinkSetup

    # Hands (stamp, JSON) of the authorities just loaded, and the loaded object, to readers.
    Publish = Callable[[tuple[str, str] | None, Authorities | None], None]
# A step left to do: storing the authorities once the readers are started.
_Pending = Callable[[], None]

NO_AUTHORITIES = ("no authorities in the archive: ingest the people register and pocom first "
                  "(cablegram ingest ../shared/corpus/people ../shared/corpus/pocom)")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _owner(warning: str, folders: dict[str, str]) -> str | None:
    """The kind of the authority folder a warning names a file of."""
    for kind, folder in folders.items():
        if warning.startswith(folder) or f" {folder}" in warning:
            return kind
    return None


class PeopleMixin:
    """Methods of `Archive` about people; `store` is the archive's store."""

    store: Store
    _link_setup: LinkSetup | None

    # -- authorities ----------------------------------------------------------------------

    def _store_authorities(self, split: Split, outcomes: list[FileOutcome],
                           handoff: Handoff) -> Callable[[], str | None]:
        """The ingest's authority folders loaded and handed to the readers; what it returns
        stores them and gives the stamp the readers link with. Between the two, the ingest
        forks its readers: they read while the authorities are stored."""
        from cablegram.archive import FileOutcome

        outcomes += [FileOutcome(folder, "failed", error=reason) for folder, reason in split.bad]
        pending: list[_Pending] = []
        try:
            if split.authorities:
                found, pending = self._ingest_authorities(split.authorities, handoff.publish)
                outcomes += found
        finally:
            # The readers may wait for it: new authorities are published as soon as they
            # are loaded; else those stored already (or none).
            handoff.publish(self.store.authorities_data())

        def store() -> str | None:
            for put in pending:
                put()
            for a in outcomes:
                self.store.log_ingest(str(a.path.resolve()), a.status, warnings=a.warnings,
                                      error=a.error)
            return handoff.stamp

        return store

    def _ingest_authorities(self, folders: dict[str, Path], publish: Publish | None = None,
                            ) -> tuple[list[FileOutcome], list[_Pending]]:
        """Load the authorities of these folders (kind -> folder), unless unchanged;
        `publish((stamp, JSON), authorities)` as soon as new ones are loaded. What is
        returned with the outcomes stores them (the outcomes then say if that failed).

        The kind not given is read again from the folder stored before, if it is still
        there: the authorities are always loaded whole. Nothing changes on failure.
        """
        from cablegram.archive import FileOutcome

        outcomes: dict[str, FileOutcome] = {}
        sources: dict[str, tuple[str, str]] = {}
        changed: list[str] = []
        for kind in (k for k in KINDS if k in folders):
            folder = folders[kind]
            key = str(folder.resolve())
            try:
                signature = folder_signature(folder)
            except ReadError as e:
                outcomes[kind] = FileOutcome(folder, "failed", error=_one_line(e.reason))
                continue
            sources[kind] = (key, signature)
            before = self.store.authority_source(kind)
            if before == (key, signature):
                outcomes[kind] = FileOutcome(folder, "unchanged")
            else:
                outcomes[kind] = FileOutcome(folder, "replaced" if before else "ingested")
                changed.append(kind)
        if not changed:
            return list(outcomes.values()), []
        for kind in KINDS:
            before = self.store.authority_source(kind)
            if kind not in folders and before is not None and Path(before[0]).is_dir():
                # Gone unreadable: the authorities are loaded without it.
                with contextlib.suppress(ReadError):
                    sources[kind] = (before[0], folder_signature(Path(before[0])))
        loaded = self._load_authorities(sources, outcomes, changed, publish)
        if isinstance(loaded, str):
            self._fail(outcomes, folders, changed, loaded)
            return list(outcomes.values()), []

        def put() -> None:
            try:
                self.store.put_authorities(loaded)
            except CablegramError as e:
                self._fail(outcomes, folders, changed, _one_line(str(e)))
            else:
                self._link_setup = None

        # The outcomes are in the list given back: a failure to store changes them in place.
        return list(outcomes.values()), [put]

    @staticmethod
    def _fail(outcomes: dict[str, FileOutcome], folders: dict[str, Path], changed: list[str],
              error: str) -> None:
        for kind in changed:
            outcome = outcomes[kind]
            outcome.status, outcome.error = "failed", error
            outcome.warnings.clear()
            outcome.path = folders[kind]

    def _load_authorities(self, sources: dict[str, tuple[str, str]],
                          outcomes: dict[str, FileOutcome], changed: list[str],
                          publish: Publish | None) -> AuthorityRows | str:
        """Load them: the rows to store, or why they cannot be loaded. The warnings go to
        the outcomes of the folders that changed."""
        from cablegram.link.authorities import Authorities
        from cablegram.linking import authority_rows

        people = Path(sources[PEOPLE][0]) if PEOPLE in sources else None
        pocom = Path(sources[POCOM][0]) if POCOM in sources else None
        try:
            auth = Authorities.load(people, pocom)
        except ReadError as e:
            return _one_line(f"{e.path}: {e.reason}")
        except CablegramError as e:
            return _one_line(str(e))
        except Exception as e:
            # A loader bug ends this ingest of the authorities, not the volumes after it.
            return _one_line(f"internal error in the authorities loader: "
                             f"{type(e).__name__}: {e}")
        rows = authority_rows(auth, sources)
        folders = {k: sources[k][0] for k in sources}
        for w in auth.warnings:
            owner = _owner(w, folders)
            if owner is None or owner in changed:
                outcomes[owner if owner is not None else changed[0]].warnings.append(
                    _one_line(w))
        if publish is not None:
            # The loaded authorities themselves: the readers' linker is built on them, not
            # on their JSON read back (the same content).
            publish((rows.stamp, rows.data), auth)
        return rows

    def link_setup(self) -> LinkSetup | None:
        """The stored authorities and a linker over them (made once per stamp), or None."""
        from cablegram.linking import LinkSetup

        stored = self.store.authorities_data()
        if stored is None:
            return None
        if self._link_setup is None or self._link_setup.stamp != stored[0]:
            try:
                self._link_setup = LinkSetup.from_json(*stored)
            except Exception as e:
                raise CablegramError(
                    f"{self.store.path}: the stored authorities cannot be loaded "
                    f"({type(e).__name__}: {e}); ingest the people register and pocom again"
                ) from None
        return self._link_setup

    # -- linking --------------------------------------------------------------------------

    def link(self, everything: bool = False,
             on_progress: Callable[[int, int, str], None] | None = None) -> LinkReport:
        """Link again the collections whose records or authorities changed since they were
        last linked (`everything`: all of them); `on_progress(done, total, collection)`.

        Raises CablegramError when the archive has no authorities.
        """
        from cablegram.archive import LinkReport

        setup = self.link_setup()
        if setup is None:
            raise CablegramError(NO_AUTHORITIES)
        report = LinkReport()
        todo = self.store.collections_to_link(setup.stamp, everything)
        for i, col_id in enumerate(todo):
            col = self.store.collection(col_id)
            if col is None:
                continue  # removed meanwhile
            batch = Batch(col, list(self.store.iter_records(col_id)))
            setup.link_batch(batch)
            self.store.update_links(col_id, [(record_json(r), r) for r in batch.records],
                                    setup.stamp)
            report.collections.append(col_id)
            report.documents += len(batch.records)
            report.warnings += [f"{col_id}: {_one_line(w)}" for w in batch.warnings]
            if on_progress:
                on_progress(i + 1, len(todo), col_id)
        return report

    # -- a person -------------------------------------------------------------------------

    def find_persons(self, name_or_id: str) -> list[str]:
        """Register ids: the id itself, or every person whose names hold every word given."""
        text = name_or_id.strip()
        if text.isdigit():
            return [text] if self.store.register_person(text) is not None else []
        return self.store.person_ids_by_name(text)

    def person(self, name_or_id: str, co_mentioned: int = 20) -> PersonReport:
        """Everything the archive knows of one person: names, appointments, documents sent,
        received and mentioned, persons named with them. A name must match one person."""
        if self.store.authorities_stamp() is None:
            raise CablegramError(NO_AUTHORITIES)
        ids = self.find_persons(name_or_id)
        if not ids and name_or_id.strip().isdigit():
            raise NotFound("person", name_or_id.strip())
        if not ids:
            raise CablegramError(f"no person named {name_or_id!r} in the register")
        if len(ids) > 1:
            known = self.store.person_names(ids[:10])
            shown = "; ".join(f"{i} {known.get(i, '')}".strip() for i in ids[:10])
            more = f" and {len(ids) - 10} more" if len(ids) > 10 else ""
            raise CablegramError(f"{name_or_id!r} names {len(ids)} persons: {shown}{more}; "
                                 "give more of the name or an id")
        row = self.store.register_person(ids[0])
        assert row is not None  # found by id or by name just now
        pid, name, names, birth, death = row
        report = PersonReport(pid, name, names, birth, death,
                              appointments=self.store.appointments_of(pid),
                              co_mentioned=self.store.co_mentioned(pid, co_mentioned))
        lists = {"sender": report.sent, "recipient": report.received,
                 "mentioned": report.mentioned}
        for doc_id, date, title, role in self.store.person_documents(pid):
            lists[role].append(DocRef(doc_id, date, title))
        return report
