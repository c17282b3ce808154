"""Archives built from records made in code: the answer of every history test is known."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cablegram.archive import Archive
from cablegram.record import Batch, Collection, Footnote, Record

Put = Callable[[str, list[Record]], None]


def tel(id: str, day: str | None, sender: str, recipient: str, number: str | None,
        text: str = "", footnotes: tuple[str, ...] = (), **kw: object) -> Record:
    """A telegram record of collection "frustest" (id "frustest/<id>")."""
    return Record(id=f"frustest/{id}", collection="frustest", date=day, sender=sender,
                  recipient=recipient, telegram_number=number, doc_type="telegram",
                  title=f"Telegram From the {sender} to the {recipient}", text=text,
                  footnotes=[Footnote(str(i), t) for i, t in enumerate(footnotes, start=1)],
                  format="tei", **kw)  # type: ignore[arg-type]


@pytest.fixture
def archive(archive_location: str) -> Iterator[Archive]:
    """A new archive on each backend (SQLite, PostgreSQL)."""
    with Archive.open(archive_location) as a:
        yield a


@pytest.fixture
def put(archive: Archive) -> Put:
    def _put(collection: str, records: list[Record]) -> None:
        archive.store.put_batch(Batch(Collection(collection, format="tei"), records),
                                path=f"/fixtures/{collection}.xml", sha256=collection)
    return _put


@pytest.fixture(scope="session")
def corpus() -> Iterator[Archive]:
    """An archive of the FRUS corpus: CABLEGRAM_HISTORY_DB if one is made already."""
    root = os.environ.get("CABLEGRAM_CORPUS")
    if not root:
        pytest.skip("CABLEGRAM_CORPUS is not set")
    db = os.environ.get("CABLEGRAM_HISTORY_DB")
    if db:
        with Archive.open(db, create=False) as a:
            yield a
        return
    with tempfile.TemporaryDirectory() as tmp, Archive.open(Path(tmp) / "c.db") as a:
        a.ingest([Path(root) / "frus"])
        yield a
