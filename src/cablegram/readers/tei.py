"""FRUS TEI volumes (both frus: namespace generations), read as a stream."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cablegram.record import Batch


class TeiReader:
    name = "tei"

    def detect(self, head: bytes, path: Path) -> bool:
        return b"http://www.tei-c.org/ns/1.0" in head

    def read(self, path: Path) -> Iterator[Batch]:
        raise NotImplementedError
