"""Typewritten telegram headers (fields/cable_header.py).

Header layouts learned from the Canadian DEA telegrams the seed catalog lists (post code and
number on the top line, "FM ... TO EXTERNAL") and from US cables as FRUS prints them
("FM AMEMBASSY MOSCOW", "TO SECSTATE WASHDC NIACT", date-time groups "271530Z OCT 62").
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.fields.cable_header import (
    CableHeader,
    HeaderError,
    find_date,
    parse_cable_header,
    split_refs,
)

CANADIAN = """CONFIDENTIAL
NATOPARIS 2711
FM NATOPARIS NOV20/62 CONFD
TO EXTERNAL PRIORITY
INFO LDN WASHDC
REF YOURTEL 1234 NOV18; OURTEL 2690
SUBJ: NATO COUNCIL BRIEFING ON CUBA
1. At special meeting of Council today Kent gave briefing.
CONFIDENTIAL"""

US = """SECRET
FM AMEMBASSY MOSCOW
TO SECSTATE WASHDC NIACT
NR 1234
271530Z OCT 62
REF: A. DEPTEL 123 B. EMBTEL 45
1. Khrushchev received me this afternoon.
SECRET"""


def test_canadian_style() -> None:
    h = parse_cable_header(CANADIAN)
    assert (h.sender, h.recipient, h.info) == ("NATOPARIS", "EXTERNAL", ["LDN", "WASHDC"])
    assert (h.date, h.date_printed, h.telegram_number) == ("1962-11-20", "NOV20/62", "2711")
    assert (h.classification, h.precedence) == ("confidential", "PRIORITY")
    assert h.subject == "NATO COUNCIL BRIEFING ON CUBA"
    assert h.refs == ["YOURTEL 1234 NOV18", "OURTEL 2690"]
    assert CANADIAN.splitlines()[h.body_line].startswith("1. At special")


def test_us_style_with_date_time_group() -> None:
    h = parse_cable_header(US)
    assert (h.sender, h.recipient) == ("AMEMBASSY MOSCOW", "SECSTATE WASHDC")
    assert (h.date, h.time, h.telegram_number) == ("1962-10-27", "15:30Z", "1234")
    assert (h.classification, h.precedence) == ("secret", "NIACT")
    assert h.refs == ["DEPTEL 123", "EMBTEL 45"]
    assert US.splitlines()[h.body_line].startswith("1. Khrushchev")


def test_ocr_confusions_in_codes_and_numbers() -> None:
    h = parse_cable_header("NAT0PARIS 27l1\nFM NAT0PARIS NOV20/62\nTO EXTERNAL\nText")
    assert (h.sender, h.telegram_number, h.recipient) == ("NATOPARIS", "2711", "EXTERNAL")


def test_bottom_classification_that_differs_is_kept() -> None:
    h = parse_cable_header("SECRET\nFM LDN\nTO EXTERNAL\nbody\nmore\nTOP SECRET")
    assert (h.classification, h.bottom_classification) == ("secret", "top secret")


def test_only_a_bottom_classification() -> None:
    h = parse_cable_header("FM LDN\nTO EXTERNAL\nbody\nRESTRICTED")
    assert h.classification == "restricted"


@pytest.mark.parametrize(
    ("text", "iso", "time"),
    [
        ("NOV20/62", "1962-11-20", None),
        ("20-Nov-62", "1962-11-20", None),
        ("20 NOV 1962", "1962-11-20", None),
        ("November 20, 1962", "1962-11-20", None),
        ("271530Z OCT 62", "1962-10-27", "15:30Z"),
        ("DTG 0l0915Z DEC 62", "1962-12-01", "09:15Z"),
        # OCR look-alikes in the digits' places, as seen at 150 dpi.
        ("FEB2/6Z", "1962-02-02", None),
        ("MARQ/62", "1962-03-09", None),
    ],
)
def test_dates(text: str, iso: str, time: str | None) -> None:
    found = find_date(text)
    assert found is not None
    assert (found[0], found[2]) == (iso, time)


def test_impossible_date_is_the_modules_error() -> None:
    with pytest.raises(HeaderError):
        find_date("NOV31/62")


def test_split_refs() -> None:
    assert split_refs("A. DEPTEL 123 B. EMBTEL 45") == ["DEPTEL 123", "EMBTEL 45"]
    assert split_refs("YOURTEL 12; OURTEL 9.") == ["YOURTEL 12", "OURTEL 9"]
    assert split_refs("") == []


def test_prose_has_no_header() -> None:
    h = parse_cable_header("The President asked that the meeting\nbe held on Tuesday.")
    assert h == CableHeader()


_HEADERISH = st.lists(
    st.sampled_from(["FM ", "TO ", "INFO ", "NR ", "REF ", "SUBJ: ", "SECRET", "NIACT ",
                     "NOV", "20/62", "271530Z ", "OCT ", "62", "A. ", "; ", "\n", "0", "l",
                     "NATOPARIS ", "2711", "-Nov-", "TOP ", "CONFD", "31", "Z"]),
    max_size=40,
).map("".join)


@given(st.one_of(st.text(max_size=300), _HEADERISH))
def test_any_text_gives_a_header_or_the_modules_error(text: str) -> None:
    try:
        h = parse_cable_header(text)
    except HeaderError:
        return
    assert 0 <= h.body_line <= max(1, len(text.splitlines()))
    assert h.classification is None or h.classification == h.classification.lower()
    if h.date is not None:
        assert len(h.date) == 10


@given(st.text(max_size=200))
def test_find_date_any_text(text: str) -> None:
    with contextlib.suppress(HeaderError):
        find_date(text)
