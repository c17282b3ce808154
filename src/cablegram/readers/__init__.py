"""Readers: one module per input format, each making `Batch`es of `Record`s."""

from __future__ import annotations

from cablegram.readers.base import Reader
from cablegram.readers.registry import detect_reader, get_reader, reader_names

__all__ = ["Reader", "detect_reader", "get_reader", "reader_names"]
