"""Pure field parsers shared by every reader: text in, values out, no I/O."""

from __future__ import annotations

from cablegram.fields.dateline import Dateline, parse_date_text, parse_dateline
from cablegram.fields.heading import DOC_TYPES, Heading, parse_heading
from cablegram.fields.redaction import find_redactions
from cablegram.fields.refs import find_references
from cablegram.fields.signers import parse_signers
from cablegram.fields.source_note import SourceNote, parse_source_note
from cablegram.fields.telegram import find_telegram_number, parse_telegram_number

__all__ = [
    "DOC_TYPES",
    "Dateline",
    "Heading",
    "SourceNote",
    "find_redactions",
    "find_references",
    "find_telegram_number",
    "parse_date_text",
    "parse_dateline",
    "parse_heading",
    "parse_signers",
    "parse_source_note",
    "parse_telegram_number",
]
