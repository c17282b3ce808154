"""The protocol every reader follows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from cablegram.record import Batch


class Reader(Protocol):
    name: str  # what `--format` calls it: "tei", "frus-text", "catalog"

    def detect(self, head: bytes, path: Path) -> bool:
        """Whether the first bytes of a file (up to 64 KiB, decompressed) look like this format."""
        ...

    def read(self, path: Path) -> Iterator[Batch]:
        """The batches of one file (usually one). Raises ReadError naming the file."""
        ...
