"""Errors that carry their context; faces turn them into one line or a 4xx."""

from __future__ import annotations

from pathlib import Path


class CablegramError(Exception):
    """Base of every error the library raises on purpose."""


class ReadError(CablegramError):
    """An input file could not be read: names the file and what is wrong."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class FieldError(CablegramError):
    """A field parser was given something it cannot make sense of."""


class QueryError(CablegramError):
    """A search query is malformed: `pos` is the 0-based offset of the problem."""

    def __init__(self, pos: int, reason: str) -> None:
        self.pos = pos
        self.reason = reason
        super().__init__(f"at position {pos}: {reason}")


class ParameterError(CablegramError):
    """A request parameter (paging, sort, facet) is out of range or of the wrong type."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


class NotFound(CablegramError):
    def __init__(self, kind: str, id: str) -> None:
        self.kind = kind
        self.id = id
        super().__init__(f"no {kind} with id {id!r}")


class FetchError(CablegramError):
    """A volume could not be downloaded or verified."""
