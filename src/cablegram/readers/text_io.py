"""Reading saved text pages as a stream of lines: encodings, size limits, paragraphs."""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from cablegram.errors import ReadError

# A text edition has paragraphs of a few KB; a longer "line" means the file is not one
# (or is binary), and reading it whole would defeat streaming.
MAX_LINE_BYTES = 1 << 20

_FALLBACK = "cablegram-cp1252"


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    # Pages saved from the web often mix a few cp1252 bytes (curly quotes 0x93/0x94,
    # apostrophe 0x92, dash 0x96) into UTF-8: those bytes mean what cp1252 says.
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error(_FALLBACK, _cp1252_fallback)


@dataclass(slots=True)
class DecodeReport:
    """What decoding found, for one warning per file rather than one per line."""

    bad_lines: int = 0
    first_bad_line: int | None = None

    def warning(self) -> str | None:
        """One line for the batch's warnings (the archive prefixes the file's path)."""
        if not self.bad_lines:
            return None
        return (
            f"{self.bad_lines} line(s) are not valid UTF-8 (first: line "
            f"{self.first_bad_line}); their stray bytes were read as cp1252"
        )


def decode_line(raw: bytes, lineno: int, report: DecodeReport) -> str:
    """One line as text: UTF-8, with stray bytes read as cp1252 (and counted)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        report.bad_lines += 1
        if report.first_bad_line is None:
            report.first_bad_line = lineno
        return raw.decode("utf-8", errors=_FALLBACK)


def iter_lines(f: BinaryIO, path: Path, report: DecodeReport) -> Iterator[tuple[int, str]]:
    """(line number, text without the line end), one line at a time."""
    lineno = 0
    while True:
        raw = f.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > MAX_LINE_BYTES:
            raise ReadError(path, f"line {lineno} is longer than 1 MiB: not a text page")
        if b"\x00" in raw:
            raise ReadError(path, f"line {lineno} holds NUL bytes: a binary file, not text")
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        yield lineno, decode_line(raw, lineno, report).rstrip("\r\n")


@dataclass(slots=True)
class Paragraph:
    """Consecutive non-blank lines; `text` joins them with single spaces."""

    lineno: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s.strip() for s in self.lines if s.strip())


def iter_paragraphs(lines: Iterable[tuple[int, str]]) -> Iterator[Paragraph]:
    """Paragraphs separated by blank lines."""
    cur: Paragraph | None = None
    for lineno, line in lines:
        if line.strip():
            if cur is None:
                cur = Paragraph(lineno)
            cur.lines.append(line)
        elif cur is not None:
            yield cur
            cur = None
    if cur is not None:
        yield cur
