"""Opening a TEI volume safely: gzip or plain, refusing entities, binaries and non-TEI roots."""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, cast

from lxml import etree

from cablegram.errors import ReadError

TEI_NS = "http://www.tei-c.org/ns/1.0"
CHUNK = 1 << 16
GZIP_MAGIC = b"\x1f\x8b"

_ENTITY = re.compile(rb"<!ENTITY\s+(%\s*)?([^\s>]+)")
_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")

# What gzip and zlib raise on damaged or truncated streams.
STREAM_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error)


@contextmanager
def open_volume(path: Path) -> Iterator[BinaryIO]:
    """The decompressed byte stream of a volume (gzip is known by its magic, not its name)."""
    try:
        f: BinaryIO = path.open("rb")
    except OSError as e:
        raise ReadError(path, f"cannot open: {e.strerror or e}") from None
    with f:
        try:
            magic = f.read(2)
            f.seek(0)
        except OSError as e:
            raise ReadError(path, f"cannot read: {e.strerror or e}") from None
        if magic != GZIP_MAGIC:
            yield f
            return
        with gzip.GzipFile(fileobj=f, mode="rb") as g:
            yield g  # type: ignore[misc]


def chunks(path: Path, stream: BinaryIO) -> Iterator[bytes]:
    """The stream in chunks; gzip damage becomes a ReadError."""
    while True:
        try:
            chunk = stream.read(CHUNK)
        except EOFError:
            raise ReadError(path, "truncated gzip stream (the file ends early)") from None
        except STREAM_ERRORS as e:
            raise ReadError(path, f"damaged gzip stream: {e}") from None
        if not chunk:
            return
        yield chunk


def check_head(path: Path, head: bytes) -> None:
    """Refuse before parsing: empty and binary files, DOCTYPEs declaring entities, non-TEI roots."""
    if not head.strip():
        raise ReadError(path, "the file is empty")
    if not head.startswith(_BOMS) and b"\x00" in head[:4096]:
        raise ReadError(path, "a binary file, not XML")
    m = _ENTITY.search(_prolog(head))
    if m:
        name = m.group(2).decode("ascii", "replace")
        raise ReadError(
            path, f"the DOCTYPE declares the entity {name!r}: entities are refused, never expanded"
        )
    root = _root_tag(head)
    if root is not None and root != f"{{{TEI_NS}}}TEI":
        raise ReadError(path, f"not a TEI document (root element {_pretty(root)})")


def _prolog(head: bytes) -> bytes:
    """The bytes before the root element, in an ASCII-compatible form for the checks."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "replace").encode("utf-8", "replace")
    # The prolog ends at the first start tag that is not <?, <! (a DOCTYPE may hold a subset).
    # (Blanking the subset keeps offsets, so a match indexes `head` too.)
    m = re.search(rb"<[A-Za-z_]", _strip_doctype_subset(head))
    return head if m is None else head[: m.start()]


def _strip_doctype_subset(head: bytes) -> bytes:
    # Blank out an internal subset so that its declarations are not taken for the root tag.
    m = re.search(rb"<!DOCTYPE[^\[>]*\[", head, re.IGNORECASE)
    if m is None:
        return head
    end = head.find(b"]", m.end())
    end = len(head) if end < 0 else end
    return head[: m.start()] + b" " * (end - m.start()) + head[end:]


def _root_tag(head: bytes) -> str | None:
    """The root element's {ns}name from the first bytes, or None if they do not reach it."""
    parser = etree.XMLPullParser(
        events=("start",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        collect_ids=False,
    )
    try:
        parser.feed(head)
        for _event, el in parser.read_events():
            return str(cast(etree._Element, el).tag)
    except etree.XMLSyntaxError:
        return None  # the full parse reports it with its line
    return None


def _pretty(tag: str) -> str:
    q = etree.QName(tag)
    return f"<{q.localname}> in namespace {q.namespace}" if q.namespace else f"<{q.localname}>"


def syntax_reason(e: etree.XMLSyntaxError) -> str:
    """One line for a parse error (libxml2's first error, with its line): truncation says so."""
    first = next(iter(e.error_log.filter_from_errors()), None)  # type: ignore[attr-defined]
    if first is not None:
        msg = f"{first.message.strip()} (line {first.line})"
    else:
        msg = (str(e.msg or e) or "syntax error").splitlines()[0]
    low = msg.lower()
    if "premature end" in low or "end of data" in low or "not properly terminated" in low:
        return f"truncated XML (the document ends early): {msg}"
    if "entity" in low:
        return f"entity refused: {msg}"
    return f"malformed XML: {msg}"
