"""A small archive built in code for the web tests: two volumes, a catalog, and payloads."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

from cablegram.archive import Archive
from cablegram.record import (
    Batch,
    Collection,
    Footnote,
    Mention,
    Person,
    PersonLink,
    Record,
    Redaction,
    Reference,
    Source,
    TermLink,
)

# A SQLite file or a PostgreSQL URL: the builders give back what they were given.
Loc = TypeVar("Loc", Path, str)
V06 = "frus1961-63v06"
XSS = "frus-xss"
SCRIPT = "<script>window.__pwned = 1</script>"
ATTR = '"><img src=x onerror="window.__pwned=2">'

V06_META = {"series": "Foreign Relations of the United States", "subseries": "1961–1963",
            "volumenumber": "Volume VI", "volume": "Kennedy-Khrushchev Exchanges",
            "editors": [{"name": "Charles S. Sampson", "role": "primary"},
                        {"name": "Glenn W. LaFantasie", "role": "general"}],
            "publication_year": "1996"}

BODY_65 = ("Dear Mr. President: I have received your letter of October 25.\n\n"
           "The Deptel of today says more. [1 line of source text not declassified] "
           "Rusk agrees.\n\nN. Khrushchev")


def _v06() -> Batch:
    r65 = Record(
        id=f"{V06}/d65", collection=V06, number="65",
        title="Letter From Chairman Khrushchev to President Kennedy", doc_type="letter",
        sender="Chairman Khrushchev", recipient="President Kennedy", place="Moscow",
        date="1962-10-26", classification="secret", handling=["Eyes Only"],
        source_note="Department of State, Presidential Correspondence: Lot 66 D 204. Secret.",
        source=Source(repository="Department of State",
                      file="Presidential Correspondence: Lot 66 D 204"),
        text=BODY_65,
        footnotes=[Footnote("1", "See Document 66 for the reply."),
                   Footnote("2", "Not printed.")],
        references=[Reference("Document 66", f"{V06}/d66")],
        redactions=[Redaction("[1 line of source text not declassified]", "1 line")],
        persons=[PersonLink("107516", "Dean Rusk", [Mention("Rusk", BODY_65.index("Rusk"),
                                                             BODY_65.index("Rusk") + 4)],
                            volume_id="p_RD1")],
        terms=[TermLink("Deptel", "Department of State telegram",
                        [Mention("Deptel", BODY_65.index("Deptel"),
                                 BODY_65.index("Deptel") + 6)])],
        extra={"compilation": "Kennedy-Khrushchev", "chapter": "October 1962",
               # Printed pages per paragraph, as the hsg page reader keeps them.
               "paragraph_pages": [["411"], ["411", "412"], ["412"]]},
    )
    r66 = Record(
        id=f"{V06}/d66", collection=V06, number="66",
        title="Letter From President Kennedy to Chairman Khrushchev", doc_type="letter",
        sender="President Kennedy", recipient="Chairman Khrushchev", place="Washington",
        date="1962-10-27", classification="unclassified",
        text="Dear Mr. Chairman: I have read your letter of October 26 with great care.",
        extra={"compilation": "Kennedy-Khrushchev", "chapter": "October 1962"})
    r67 = Record(
        id=f"{V06}/d67", collection=V06, number="67", title="Editorial Note",
        doc_type="editorial-note", text="No date is known for this note about Berlin.",
        extra={"compilation": "Kennedy-Khrushchev", "chapter": "November 1962"})
    col = Collection(V06, title="Kennedy-Khrushchev Exchanges", format="tei", meta=V06_META,
                     persons=[Person("p_RD1", "Rusk, Dean", "Secretary of State")])
    return Batch(col, [r65, r66, r67])


def _xss() -> Batch:
    r = Record(
        id=f"{XSS}/d1", collection=XSS, number="1", title=f"Payload {SCRIPT} {ATTR}",
        doc_type="telegram", sender=f"Embassy {ATTR}", place=SCRIPT, date="1962-10-28",
        source_note=f"Source {SCRIPT}",
        text=f"Body with {SCRIPT} and {ATTR} inside.\n\nSecond paragraph berlin.",
        footnotes=[Footnote("1", f"Note {SCRIPT}")],
        redactions=[Redaction(SCRIPT, ATTR)],
        terms=[TermLink("Body", ATTR, [Mention("Body", 0, 4)])])
    col = Collection(XSS, title=f"Volume {SCRIPT}", format="tei",
                     meta={"volume": ATTR, "editors": [{"name": ATTR, "role": "primary"}]})
    return Batch(col, [r])


def _catalog() -> Batch:
    item = Record(
        id="CDNW12467", collection="cdnw", number="12467",
        title="Telegram 2711 from NATOPARIS to EXTERNAL", doc_type="telegram",
        sender="Canadian Permanent Delegation to the North Atlantic Council, Paris",
        recipient="Department of External Affairs, Ottawa", date="1962-11-20",
        telegram_number="2711", format="catalog",
        extra={"listed_in": [{"page": "November 20 - November 21, 1962", "section": None,
                              "table": 1, "line": 8}],
               "cited_in": [{"page": "November 20 - November 21, 1962", "section": None,
                             "paragraph": 2, "line": 3}]})
    col = Collection("cdnw", title="CDNW cable catalog", format="catalog", meta={
        "pages": [{"title": "November 20 - November 21, 1962", "date_from": "1962-11-20",
                   "date_to": "1962-11-21"}]})
    return Batch(col, [item])


def build_archive(path: Loc) -> Loc:
    with Archive.open(path) as archive:
        for batch in (_v06(), _xss(), _catalog()):
            archive.store.put_batch(batch, path=batch.collection.id,
                                    sha256=batch.collection.id)
        archive.sync_index()
        archive.sync_history()  # as `cablegram serve` does before it serves
    return path


def build_linked_archive(root: Path, db: str | Path | None = None) -> str | Path:
    """An archive read with authorities: frus-mini linked to a small register and pocom
    (the people tests' fixture), its history tables made as `cablegram serve` makes them.
    `db`: an archive to add them to (default: a new one in `root`)."""
    from people.people_fixtures import MINI, write_authorities

    corpus = root / "corpus"
    write_authorities(corpus)
    (corpus / "frus").mkdir()
    (corpus / "frus" / "frus-mini.xml").write_text(MINI.read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    db = db or root / "linked.db"
    with Archive.open(db) as archive:
        archive.ingest([corpus])
        archive.sync_history()
    return db


SRC = str(Path(__file__).parents[2] / "src")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db: str | Path, log: Path, *options: str, timeout: float = 60) -> Iterator[str]:
    """`python -m cablegram serve --db DB OPTIONS` on a free port of 127.0.0.1 (this
    checkout's code), its output in `log`: the base URL once it accepts connections."""
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cablegram", "serve", "--db", str(db),
             "--port", str(port), *options],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": SRC})
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"cablegram serve did not start: {log.read_text()}")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
