"""Document headings: "10. Telegram From the Embassy in the Soviet Union to the Department of State"."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Heading:
    number: str | None = None  # "10"
    title: str = ""  # the heading without its number
    doc_type: str | None = None  # "telegram", "memorandum-of-conversation", ...
    sender: str | None = None  # as printed: "Embassy in the Soviet Union"
    recipient: str | None = None


def parse_heading(text: str) -> Heading:
    return Heading(title=text.strip())
