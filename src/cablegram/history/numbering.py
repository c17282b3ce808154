"""The numbering year of a post's telegrams: when its numbers start again at 1.

Found in the corpus (docs/history.md): numbers restart on January 1 up to 1950, on July 1
(the fiscal year) from July 1950 to the end of 1967, and on January 1 again from 1968.
"""

from __future__ import annotations

from dataclasses import dataclass

FISCAL_FROM = "1950-07-01"
FISCAL_UNTIL = "1968-01-01"


@dataclass(frozen=True, slots=True)
class NumberingYear:
    """Days [start, end) in which a post's telegram numbers do not start again."""

    label: str  # "1962" (calendar) or "FY1963" (July 1962 - June 1963)
    start: str
    end: str


def numbering_year(day: str) -> NumberingYear:
    """The numbering year of an ISO day ("1962-10-27" -> FY1963: 1962-07-01..1963-07-01)."""
    y = int(day[:4])
    if FISCAL_FROM <= day < FISCAL_UNTIL:
        first = y if day[5:] >= "07-01" else y - 1
        end = min(f"{first + 1}-07-01", FISCAL_UNTIL)
        return NumberingYear(f"FY{first + 1}", f"{first}-07-01", end)
    return NumberingYear(str(y), f"{y:04d}-01-01", f"{y + 1:04d}-01-01")
