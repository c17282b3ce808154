"""Query parameters of a request, checked: unknown names, bad numbers and dates are a 400."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from cablegram.errors import ParameterError

# Parameters every page takes: the JSON twin's switch.
COMMON = frozenset({"format"})
FORMATS = ("html", "json")
# Ids of collections, records and people as the readers make them ("frus1961-63v06",
# "d66", "CDNW12467", "frus1961-63v06:p_KVV2"); anything else is malformed, not unknown.
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:\-]{0,199}")
MAX_TEXT = 10_000


def check_id(kind: str, value: str) -> str:
    if not ID.fullmatch(value):
        raise ParameterError(kind, f"malformed id {value[:80]!r}")
    return value


class Params:
    """The query string of one request, read through the names a page knows."""

    def __init__(self, items: Iterable[tuple[str, str]], known: Iterable[str]) -> None:
        allowed = COMMON | set(known)
        self.values: dict[str, str] = {}
        for name, value in items:
            if name not in allowed:
                raise ParameterError(name, "unknown parameter; this page takes "
                                     + (", ".join(sorted(allowed)) or "none"))
            if name in self.values:
                raise ParameterError(name, "given more than once")
            self.values[name] = value
        fmt = self.values.get("format", "html")
        if fmt not in FORMATS:
            raise ParameterError("format", f"unknown format {fmt[:40]!r}: use html or json")

    @classmethod
    def of(cls, query: Mapping[str, str] | Iterable[tuple[str, str]],
           known: Iterable[str]) -> Params:
        items = query.items() if isinstance(query, Mapping) else query
        return cls(items, known)

    def text(self, name: str, default: str = "", max_chars: int = MAX_TEXT) -> str:
        value = self.values.get(name, default)
        if len(value) > max_chars:
            raise ParameterError(name, f"longer than {max_chars} characters ({len(value)})")
        return value

    def number(self, name: str, default: int) -> int:
        """A whole number ≥ 0 (any size: the library decides what a huge one means)."""
        raw = self.values.get(name)
        if raw is None:
            return default
        # Python reads at most 4300 digits; no page needs more than a few.
        if not raw.isascii() or not raw.isdigit() or len(raw) > 4000:
            raise ParameterError(name, f"must be a whole number ≥ 0, not {raw[:40]!r}")
        return int(raw)

    def day(self, name: str) -> str | None:
        """A date as YYYY-MM-DD, checked against the calendar; empty (a form's field left
        blank) is no date."""
        raw = self.values.get(name)
        if not raw:
            return None
        try:
            if len(raw) != 10:
                raise ValueError
            return date.fromisoformat(raw).isoformat()
        except ValueError:
            raise ParameterError(name, f"must be a date YYYY-MM-DD, not {raw[:40]!r}") from None

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = self.values.get(name, default)
        if value not in choices:
            raise ParameterError(name, f"must be one of {', '.join(choices)}, not {value[:40]!r}")
        return value
