"""Which reader takes a file: by `--format` name, or detected by content."""

from __future__ import annotations

import gzip
from pathlib import Path

from cablegram.errors import ReadError
from cablegram.readers.base import Reader

HEAD_BYTES = 65536


def _readers(collection: str | None = None) -> list[Reader]:
    """Every reader, in the order detection tries them; `collection` names the volume of
    pages that name none (`ingest --collection`)."""
    # Imported here so that a reader module may import the registry's helpers.
    from cablegram.readers.catalog import CatalogReader
    from cablegram.readers.hsg_html import HsgHtmlReader
    from cablegram.readers.hsg_text import HsgTextReader
    from cablegram.readers.html import HtmlReader
    from cablegram.readers.page_layouts import FRUS_2001
    from cablegram.readers.scan import ScanReader
    from cablegram.readers.tei import TeiReader
    from cablegram.readers.text import TextReader

    # TEI first: the text readers refuse anything that starts with "<" anyway. The
    # history.state.gov layouts before the general ones: they ask for the site's marks.
    # Scans are told by their magic bytes (PDF, PNG, TIFF, JPEG), never text: first.
    readers: list[Reader] = [
        ScanReader(), TeiReader(), HsgHtmlReader(collection), HtmlReader(collection),
        HsgTextReader(collection), TextReader(collection, layout=FRUS_2001),
        TextReader(collection), CatalogReader(),
    ]
    return readers


def reader_names() -> list[str]:
    return [r.name for r in _readers()]


def get_reader(name: str, collection: str | None = None) -> Reader:
    for r in _readers(collection):
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


def detect_reader(path: Path, collection: str | None = None) -> Reader:
    head = read_head(path)
    if not head.strip():
        raise ReadError(path, "the file is empty")
    for r in _readers(collection):
        if r.detect(head, path):
            return r
    if b"\x00" in head[:4096]:
        raise ReadError(path, "a binary file, not a format cablegram reads")
    raise ReadError(path, f"format not recognised (known: {', '.join(reader_names())})")
