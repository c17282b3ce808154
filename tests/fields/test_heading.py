"""Headings: number, type, sender and recipient, on headings printed in FRUS.

Headings whose bodies' names hold a " to " were learnt from real pages of several eras:
https://history.state.gov/historicaldocuments/frus1919v01/d13 and
https://history.state.gov/historicaldocuments/frus1919Parisv11/d407 ("The Commission to
Negotiate Peace to the Secretary of State"), the 1919 volume as the University of Wisconsin
scanned it, http://digicoll.library.wisc.edu/cgi-bin/FRUS/FRUS-idx?type=div&did=FRUS.FRUS1919v01.i0006&isize=text
("… to the Acting Secretary of State"), https://history.state.gov/historicaldocuments/frus1919Parisv02/d60
and https://www.history.state.gov/historicaldocuments/frus1919Parisv11/d283 (the Commission
as recipient), https://history.state.gov/historicaldocuments/frus1969-76v05/ch5 ("Telegram
From the Mission to the United Nations to the Department of State") and
https://history.state.gov/historicaldocuments/frus1955-57v11/ch1?start=61 ("… the Military
Staff Committee to the Mission at the United Nations (Stone) to …").
"""

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


@pytest.mark.parametrize(
    ("text", "sender", "recipient"),
    [
        ("The Commission to Negotiate Peace to the Acting Secretary of State",
         "Commission to Negotiate Peace", "Acting Secretary of State"),
        ("The Acting Secretary of State to the Commission to Negotiate Peace",
         "Acting Secretary of State", "Commission to Negotiate Peace"),
        ("The Secretary of State to the Secretary General of the Commission to Negotiate "
         "Peace (Grew)", "Secretary of State",
         "Secretary General of the Commission to Negotiate Peace (Grew)"),
        ("The United States Delegation to the Council of Foreign Ministers to the Secretary "
         "of State", "United States Delegation to the Council of Foreign Ministers",
         "Secretary of State"),
        ("The Secretary of State to the United States Delegation to the Council of Foreign "
         "Ministers", "Secretary of State",
         "United States Delegation to the Council of Foreign Ministers"),
        # frus1952-54v01p1 d65 (corpus): a body's name inside a delegation's.
        ("The United States Delegation to the Ninth Session of the Contracting Parties to the "
         "General Agreement on Tariffs and Trade to the Department of State",
         "United States Delegation to the Ninth Session of the Contracting Parties to the "
         "General Agreement on Tariffs and Trade", "Department of State"),
        ("64. Memorandum From the Chairman of the Military Staff Committee to the Mission at "
         "the United Nations (Stone) to the Chairman of the Joint Chiefs of Staff (Radford)",
         "Chairman of the Military Staff Committee to the Mission at the United Nations "
         "(Stone)", "Chairman of the Joint Chiefs of Staff (Radford)"),
        ("110. Telegram From the Mission to the United Nations to the Department of State",
         "Mission to the United Nations", "Department of State"),
        ("111. Telegram From the Department of State to the Mission to the United Nations",
         "Department of State", "Mission to the United Nations"),
        ("The Ambassador to France to the Secretary of State", "Ambassador to France",
         "Secretary of State"),
        # A committee named for what it is to do, no office word before its " to ".
        ("The President's Committee to Study the United States Military Assistance Program "
         "to the President", "President's Committee to Study the United States Military "
         "Assistance Program", "President"),
        # Every " to " an office's: the last ends the sender, as the TEI's markup of
        # frus1951v07p2 d228 reads it (its recipient marked "United Nations General Assembly").
        ("Memorandum of Conversation, by Ambassador David M. Key, Adviser to the United States "
         "Delegation to the United Nations General Assembly",
         "Ambassador David M. Key, Adviser to the United States Delegation",
         "United Nations General Assembly"),
        ("The Special Assistant to the President", None, None),
        ("The Acting Secretary of State to All Diplomatic Missions", "Acting Secretary of State",
         "All Diplomatic Missions"),
    ],
)
def test_a_to_inside_a_name(text: str, sender: str | None, recipient: str | None) -> None:
    h = parse_heading(text)
    assert (h.sender, h.recipient) == (sender, recipient)


# Parties of several eras, some with a " to " of their own: an office that takes "to", a
# body whose name holds one, or none.
_OFFICES = ["Ambassador", "Representative", "Delegation", "Mission", "Special Assistant",
            "Political Adviser", "Deputy Representative", "Delegate"]
_TO_WHAT = ["France", "the United Nations", "the Council of Foreign Ministers",
            "the President", "the General Assembly", "the North Atlantic Council"]
_BODIES = ["Commission to Negotiate Peace",
           "Contracting Parties to the General Agreement on Tariffs and Trade"]
_PLAIN = ["Secretary of State", "Acting Secretary of State", "Department of State",
          "Embassy in France", "President", "Chargé in Iran", "Commission on Korea"]
_PARTY = st.one_of(
    st.builds(lambda o, w: f"{o} to {w}", st.sampled_from(_OFFICES), st.sampled_from(_TO_WHAT)),
    st.sampled_from(_BODIES), st.sampled_from(_PLAIN))


@given(_PARTY, _PARTY, st.sampled_from(["The", "12. Telegram From the", "Letter From the"]))
def test_parties_with_a_to_of_their_own(sender: str, recipient: str, opening: str) -> None:
    h = parse_heading(f"{opening} {sender} to the {recipient}")
    assert (h.sender, h.recipient) == (sender, recipient)
