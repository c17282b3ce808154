"""Telegram numbers that open a cable's text: "1707.", "CAP 55515-62."."""

from __future__ import annotations


def parse_telegram_number(text: str) -> str | None:
    """The number that opens `text` (the body's first paragraph), or None."""
    return None
