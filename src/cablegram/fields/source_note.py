"""Source notes: classification, handling caveats, archival citation, drafters."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceNote:
    classification: str | None = None  # lowercase: "top secret", "secret", ..., "unclassified"
    handling: tuple[str, ...] = ()  # "Eyes Only", "Niact", "Priority", "Exdis", ...
    repository: str | None = None  # "Department of State", "Kennedy Library", "National Archives"
    file: str | None = None  # "Central Files, 761.5411/1-2161" or "Lot 66 D 204"
    drafted_by: str | None = None
    cleared_by: str | None = None
    approved_by: str | None = None


def parse_source_note(text: str) -> SourceNote:
    return SourceNote()
