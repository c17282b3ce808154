"""Headings: number, type, sender and recipient, on headings printed in FRUS."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.fields import Heading, parse_heading
from cablegram.fields.heading import DOC_TYPES


@pytest.mark.parametrize(
    ("text", "number", "doc_type", "sender", "recipient"),
    [
        (
            "10. Telegram From the Embassy in the Soviet Union to the Department of State",
            "10", "telegram", "Embassy in the Soviet Union", "Department of State",
        ),
        (
            "1. Message From Chairman Khrushchev to President-elect Kennedy",
            "1", "message", "Chairman Khrushchev", "President-elect Kennedy",
        ),
        (
            "126. Memorandum From the Chairman of the Planning Subcommittee of the Executive "
            "Committee of the National Security Council (Rostow) to the President's Special "
            "Assistant for National Security Affairs (Bundy)",
            "126", "memorandum",
            "Chairman of the Planning Subcommittee of the Executive Committee of the National "
            "Security Council (Rostow)",
            "President's Special Assistant for National Security Affairs (Bundy)",
        ),
        (
            "3. Letter from Fisk to McCloy, March 2. Transmits final report of the technical "
            "working group. Top Secret. 71 pp. Kennedy Library, National Security Files.",
            "3", "letter", "Fisk", "McCloy",
        ),
        (
            "119. Telegram 502 from San Salvador, April 29, 1962. Report on elections.",
            "119", "telegram", "San Salvador", None,
        ),
        ("137. Editorial Note", "137", "editorial-note", None, None),
        (
            "No. 148The Ambassador in Burma (Sebald) to the Department of State",
            "148", None, "Ambassador in Burma (Sebald)", "Department of State",
        ),
        (
            "The Consul General at Taipei ( Macdonald ) to the Secretary of State",
            None, None, "Consul General at Taipei (Macdonald)", "Secretary of State",
        ),
        (
            "128. Memorandum of Conversation Between Vice President Humphrey and the "
            "Ambassador to Germany (McGhee)",
            "128", "memorandum-of-conversation", "Vice President Humphrey",
            "Ambassador to Germany (McGhee)",
        ),
        (
            "39. Memorandum From the Ambassador-Designate to Vietnam (Nolting) to the "
            "Secretary of State",
            "39", "memorandum", "Ambassador-Designate to Vietnam (Nolting)", "Secretary of State",
        ),
        (
            "117. Memorandum From the President's Deputy Assistant for National Security "
            "Affairs (Haig) to President Nixon, Washington, July 11, 1971",
            "117", "memorandum",
            "President's Deputy Assistant for National Security Affairs (Haig)", "President Nixon",
        ),
        (
            "24. Memorandum of a Conversation Between the Turkish Ambassador (Ürgüplü) and the "
            "Assistant Secretary of State for Near Eastern, South Asian, and African Affairs "
            "(Rountree), Department of State, Washington, October 23, 1957",
            "24", "memorandum-of-conversation", "Turkish Ambassador (Ürgüplü)",
            "Assistant Secretary of State for Near Eastern, South Asian, and African Affairs "
            "(Rountree)",
        ),
        (
            "5. Paper Prepared by the Special Assistant to the Secretary of State for Mutual "
            "Security Affairs (Nolting) for the Secretary of State",
            "5", "paper",
            "Special Assistant to the Secretary of State for Mutual Security Affairs (Nolting)",
            "Secretary of State",
        ),
        ("139. Memorandum for the Record", "139", "memorandum-for-the-record", None, None),
        ("127. Summary Record of the 15th Meeting of the Executive Committee of the National "
         "Security Council", "127", "summary-record", None, None),
        ("131. Record of Action at the 16th Meeting of the Executive Committee of the National "
         "Security Council", "131", "record-of-action", None, None),
        ("40. Special National Intelligence Estimate", "40", "intelligence-estimate", None, None),
        ("7. Circular Telegram From the Department of State to Certain Diplomatic Missions",
         "7", "circular", "Department of State", "Certain Diplomatic Missions"),
        ("8. Airgram From the Embassy in Iran to the Department of State",
         "8", "airgram", "Embassy in Iran", "Department of State"),
    ],
)
def test_headings(
    text: str, number: str | None, doc_type: str | None, sender: str | None,
    recipient: str | None,
) -> None:
    h = parse_heading(text)
    assert (h.number, h.doc_type, h.sender, h.recipient) == (number, doc_type, sender, recipient)


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        ("347. National Security Action Memorandum No. 126", "memorandum"),
        ("148. National Security Study Memorandum 234", "memorandum"),
        ("257. National Security Council Report", "report"),
        ("144. Special Report Prepared in the Central Intelligence Agency", "report"),
        ("3. Current Intelligence Weekly Review", "report"),
        ("Special Intelligence Estimate", "intelligence-estimate"),
        ("20. Department of State Press Statement, Washington, undated", "statement"),
        ("29. Address by President Carter Before the United Nations General Assembly",
         "statement"),
        ("76. Aide-Mémoire From the Department of State to the Soviet Embassy", "aide-memoire"),
        ("223. Dispatch From the CIA Chief of Station to Headquarters", "despatch"),
        ("President Eisenhower to President Quirino", None),
    ],
)
def test_doc_types(text: str, doc_type: str | None) -> None:
    assert parse_heading(text).doc_type == doc_type
    assert doc_type is None or doc_type in DOC_TYPES


def test_title_is_the_heading_without_its_number() -> None:
    h = parse_heading("10. Letter From President Kennedy\n   to Chairman Khrushchev")
    assert h.title == "Letter From President Kennedy to Chairman Khrushchev"
    assert (h.sender, h.recipient) == ("President Kennedy", "Chairman Khrushchev")


@given(st.text(max_size=120))
def test_any_text_gives_a_heading(text: str) -> None:
    h = parse_heading(text)
    assert isinstance(h, Heading)
    assert h.sender is None or h.sender.strip() == h.sender != ""
    assert h.recipient is None or h.recipient != ""


@given(st.from_regex(r"[A-Z][a-z]{2,10}( [A-Z][a-z]{2,10})?", fullmatch=True),
       st.from_regex(r"[A-Z][a-z]{2,10}", fullmatch=True))
def test_from_to_round_trip(sender: str, recipient: str) -> None:
    h = parse_heading(f"12. Letter From {sender} to {recipient}")
    assert (h.number, h.doc_type, h.sender, h.recipient) == ("12", "letter", sender, recipient)
