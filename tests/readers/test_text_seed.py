"""The 25 documents of the seed 003 (FRUS 1961-63 vol. XI, docs 126-150), field by field.

Expected values were written from reading the seed page, not from the reader's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cablegram.readers.registry import detect_reader
from cablegram.readers.text import TextReader
from cablegram.record import Batch, Record

SEED = Path(__file__).parent.parent / "fixtures" / "text" / "003_1bdb9de2a8d2d4fa.txt"

NSC = "summary-record"
MUN = "Mission to the United Nations"
DOS = "Department of State"
JFK = "President Kennedy"
W, NY = "Washington", "New York"

# number: (doc_type, place, date, time, from, to, classification, telegram number, footnotes)
EXPECTED: dict[int, tuple[str, str | None, str | None, str | None, str | None, str | None,
                          str | None, str | None, int]] = {
    126: ("memorandum", W, "1962-10-31", None,
          "Chairman of the Planning Subcommittee of the Executive Committee of the National "
          "Security Council (Rostow)",
          "President's Special Assistant for National Security Affairs (Bundy)",
          "top secret", None, 1),
    127: (NSC, W, "1962-10-31", "18:00", None, None, "top secret", None, 1),
    128: ("telegram", NY, "1962-10-31", "22:00", MUN, DOS, "confidential", "1579", 0),
    129: ("telegram", NY, "1962-10-31", "22:50", MUN, DOS, "confidential", "1581", 1),
    130: (NSC, W, "1962-11-01", "10:00", None, None, "top secret", None, 3),
    131: ("record-of-action", W, "1962-11-01", None, None, None, "top secret", None, 1),
    132: ("telegram", W, "1962-11-01", "15:00", DOS, MUN, "confidential", "1158", 0),
    133: ("telegram", NY, "1962-11-02", "01:00", MUN, DOS, "top secret", "1604", 3),
    134: (NSC, W, "1963-11-02", "11:00", None, None, "top secret", None, 9),
    135: ("record-of-action", W, "1962-11-02", "11:00", None, None, "top secret", None, 0),
    136: (NSC, W, "1962-11-03", "10:00", None, None, "top secret", None, 5),
    137: ("editorial-note", None, None, None, None, None, None, None, 0),
    138: (NSC, W, "1962-11-03", "16:30", None, None, "top secret", None, 6),
    139: ("memorandum-for-the-record", W, "1962-11-03", None, None, None, "top secret", None, 6),
    140: ("letter", W, "1962-11-03", None, JFK, "Chairman Khrushchev", "secret", None, 2),
    141: ("telegram", W, "1962-11-03", "20:44", DOS, MUN, "top secret", "1189", 7),
    142: ("telegram", NY, "1962-11-04", "23:50", MUN, DOS, "top secret", "1630", 2),
    143: (NSC, W, "1962-11-05", "10:00", None, None, "top secret", None, 4),
    144: ("memorandum", W, "1962-11-05", None, "Attorney General Kennedy", JFK, "top secret",
          None, 1),
    145: ("letter", "Moscow", None, None, "Chairman Khrushchev", JFK, "unclassified", None, 2),
    146: ("memorandum-for-the-record", W, "1962-11-05", None, None, None, "secret", None, 5),
    147: ("telegram", W, "1962-11-05", "15:20", DOS, MUN, "top secret", "1194", 2),
    148: ("memorandum", W, "1962-11-05", None, JFK, "Secretary of Defense McNamara",
          "top secret", None, 1),
    149: ("telegram", W, "1962-11-05", None, JFK,
          "Under Secretary of State (Ball) and the Deputy Under Secretary of State for "
          "Political Affairs (Johnson)", "top secret", "CAP 55515-62", 1),
    150: ("memorandum", W, "1962-11-05", None, JFK, "Secretary of Defense McNamara",
          "top secret", None, 1),
}

TITLES = {
    126: "Memorandum From the Chairman of the Planning Subcommittee of the Executive Committee "
         "of the National Security Council (Rostow) to the President's Special Assistant for "
         "National Security Affairs (Bundy)",
    134: "Summary Record of the 17th Meeting of the Executive Committee of the National "
         "Security Council",
    137: "Editorial Note",
    139: "Memorandum for the Record",
    149: "Telegram From President Kennedy to the Under Secretary of State (Ball) and the Deputy "
         "Under Secretary of State for Political Affairs (Johnson)",
}

SIGNERS = {
    127: [("Bromley Smith", None)],
    128: [("Stevenson", None)],
    131: [("McGeorge Bundy", None)],
    132: [("Rusk", None)],
    139: [("John A. McCone", "Director")],
    140: [("John F. Kennedy", None)],
    145: [("N. Khrushchev", None)],
    146: [("John A. McCone", None)],
    150: [("John Kennedy", None)],
    126: [],
    137: [],
    144: [],
    149: [],
}


@pytest.fixture(scope="module")
def batch() -> Batch:
    return next(TextReader().read(SEED))


@pytest.fixture(scope="module")
def docs(batch: Batch) -> dict[int, Record]:
    return {int(r.number or 0): r for r in batch.records}


def test_detected_as_frus_text() -> None:
    assert detect_reader(SEED).name == "frus-text"


def test_volume_and_ids(batch: Batch) -> None:
    assert batch.collection.id == "frus1961-63v11"
    assert batch.collection.title == "Cuban Missile Crisis and Aftermath"
    assert [r.id for r in batch.records] == [f"frus1961-63v11/d{n}" for n in range(126, 151)]
    assert {r.collection for r in batch.records} == {"frus1961-63v11"}


@pytest.mark.parametrize("n", sorted(EXPECTED))
def test_fields(docs: dict[int, Record], n: int) -> None:
    r = docs[n]
    doc_type, place, date, time, sender, recipient, cls, tel, notes = EXPECTED[n]
    got = (r.doc_type, r.place, r.date, r.time, r.sender, r.recipient, r.classification,
           r.telegram_number, len(r.footnotes))
    assert got == (doc_type, place, date, time, sender, recipient, cls, tel, notes)


@pytest.mark.parametrize("n", sorted(TITLES))
def test_titles(docs: dict[int, Record], n: int) -> None:
    assert docs[n].title == TITLES[n]


@pytest.mark.parametrize("n", sorted(SIGNERS))
def test_signers(docs: dict[int, Record], n: int) -> None:
    assert [(s.name, s.title) for s in docs[n].signers] == SIGNERS[n]


def test_source_note_in_either_order(docs: dict[int, Record]) -> None:
    # 128 and 144 print the source note before the dateline; the others after.
    assert docs[128].source_note is not None
    assert docs[128].source_note.startswith("Department of State, Central Files, 611.3722/10-3162")
    assert docs[144].source_note is not None and "Drafted and initialed" in docs[144].source_note
    assert docs[137].source_note is None
    assert "Eyes Only" in docs[128].handling
    assert "Niact" in docs[132].handling


def test_footnotes_attached_and_out_of_the_text(docs: dict[int, Record]) -> None:
    assert [(f.n, f.text) for f in docs[126].footnotes] == [("1", "Document 109.")]
    assert docs[134].footnotes[8].text == "Printed from a copy that bears this typed signature."
    for r in docs.values():
        assert "/1/" not in r.text
        for f in r.footnotes:
            assert f.text not in r.text
    # A footnote that quotes paragraphs keeps them (doc 139, note 2).
    note = docs[139].footnotes[1]
    assert note.n == "2" and "The analyses of the photographic reconnaissance" in note.text
    assert "The analyses of the photographic reconnaissance" not in docs[139].text
    assert "Secretary Rusk emphasized the dangers of deception." in docs[139].text


def test_no_site_chrome_in_any_body(batch: Batch) -> None:
    for r in batch.records:
        for chrome in ("Department Seal", "flag\n", "\nbar", "Return to Foreign Relations",
                       "[end of document]", "FOREIGN RELATIONS OF THE UNITED STATES"):
            assert chrome not in r.text, (r.id, chrome)
    assert batch.records[-1].text.endswith("John Kennedy")
    assert batch.records[0].text.startswith("SUBJECT")


def test_wrong_year_flagged_and_kept(docs: dict[int, Record], batch: Batch) -> None:
    assert docs[134].date == "1963-11-02"
    assert any(f.startswith("date-out-of-sequence") for f in docs[134].flags)
    flagged = [r.number for r in batch.records if any("out-of-sequence" in f for f in r.flags)]
    assert flagged == ["134"]
    assert any("134" in w for w in batch.warnings)


def test_undated_documents_get_ranges(docs: dict[int, Record]) -> None:
    # 145: "Moscow, undated."; transmitted November 4, received and placed November 5.
    assert (docs[145].date, docs[145].date_not_before, docs[145].date_not_after) == (
        None, "1962-11-04", "1962-11-05")
    # 137: an editorial note between two November 3 documents, about November 3.
    assert (docs[137].date, docs[137].date_not_before, docs[137].date_not_after) == (
        None, "1962-11-03", "1962-11-03")


def test_telegram_text_keeps_its_number(docs: dict[int, Record]) -> None:
    assert docs[128].text.startswith("1579. For Secretary from McCloy.")
    assert docs[149].text.startswith("CAP 55515-62. Deliver immediately")


def test_attachment(docs: dict[int, Record]) -> None:
    att = docs[146].extra["attachments"]
    assert len(att) == 1 and att[0]["heading"] == "Attachment"
    assert att[0]["title"] == "PROBLEMS WE FACE IN THE FUTURE IN CUBA"
    assert att[0]["signers"] == [{"name": "John A. McCone", "title": "Director"}]
    assert "6. Sophisticated communication equipment" in docs[146].text


def test_redactions(docs: dict[int, Record]) -> None:
    assert [x.text for x in docs[127].redactions] == [
        "[less than 1 line of source text not declassified]"]
    assert len(docs[136].redactions) == 1
    assert docs[126].redactions == []


def test_references(docs: dict[int, Record]) -> None:
    targets = {ref.target for ref in docs[126].references}
    assert "frus1961-63v11/d109" in targets


def test_datelines_kept_as_printed(docs: dict[int, Record]) -> None:
    assert docs[127].extra["dateline"] == "Washington, October 31, 1962, 6 p.m."
    assert docs[145].extra["dateline"] == "Moscow, undated."
    assert "dateline" not in docs[137].extra
