"""Which reader takes a file: by `--format` name, or detected by content."""

from __future__ import annotations

import gzip
from pathlib import Path

from cablegram.errors import ReadError
from cablegram.readers.base import Reader

HEAD_BYTES = 65536


def _readers() -> list[Reader]:
    # Imported here so that a reader module may import the registry's helpers.
    from cablegram.readers.catalog import CatalogReader
    from cablegram.readers.html import HtmlReader
    from cablegram.readers.scan import ScanReader
    from cablegram.readers.tei import TeiReader
    from cablegram.readers.text import TextReader

    # TEI first: the text readers refuse anything that starts with "<" anyway.
    readers: list[Reader] = [TeiReader(), HtmlReader(), TextReader(), CatalogReader()]
    # Scans are told by their magic bytes (PDF, PNG, TIFF, JPEG), never text: first.
    readers.insert(0, ScanReader())
    return readers


def reader_names() -> list[str]:
    return [r.name for r in _readers()]


def get_reader(name: str) -> Reader:
    for r in _readers():
        if r.name == name:
            return r
    raise ReadError("-", f"unknown format {name!r} (known: {', '.join(reader_names())})")


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first bytes of a file, decompressed when it is gzip."""
    try:
        with path.open("rb") as f:
            magic = f.read(2)
        if magic == b"\x1f\x8b":
            with gzip.open(path, "rb") as g:
                return g.read(size)
        with path.open("rb") as f:
            return f.read(size)
    except (OSError, EOFError) as e:
        raise ReadError(path, f"cannot read: {e}") from None


def detect_reader(path: Path) -> Reader:
    head = read_head(path)
    if not head.strip():
        raise ReadError(path, "the file is empty")
    for r in _readers():
        if r.detect(head, path):
            return r
    if b"\x00" in head[:4096]:
        raise ReadError(path, "a binary file, not a format cablegram reads")
    raise ReadError(path, f"format not recognised (known: {', '.join(reader_names())})")
