"""The protocol every reader follows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from cablegram.fields.source_note import parse_body_marking
from cablegram.record import Batch, Record


class Reader(Protocol):
    name: str  # what `--format` calls it: "tei", "frus-text", "catalog"

    def detect(self, head: bytes, path: Path) -> bool:
        """Whether the first bytes of a file (up to 64 KiB, decompressed) look like this format."""
        ...

    def read(self, path: Path) -> Iterator[Batch]:
        """The batches of one file (usually one). Raises ReadError naming the file."""
        ...


def fill_marking_from_body(rec: Record) -> None:
    """A record whose source note gives no classification takes the marking printed as its
    body's first line, as the 1948–51 volumes print it. Every reader calls this once the
    source note and the body are read."""
    if rec.classification is not None:
        return
    marking = parse_body_marking(rec.text)
    if marking is not None:
        rec.classification = marking[0]
        rec.handling += [c for c in marking[1] if c not in rec.handling]
