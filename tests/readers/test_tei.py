"""TeiReader on small hand-written volumes: structure, markup values, printed-text values."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from cablegram.readers.tei import TeiReader, volume_id
from cablegram.record import Batch, Record

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tei"


def read(name: str, *, markup: bool = True) -> Batch:
    batches = list(TeiReader(markup=markup).read(FIXTURES / name))
    assert len(batches) == 1
    return batches[0]


def by_id(batch: Batch) -> dict[str, Record]:
    return {r.id: r for r in batch.records}


def test_one_record_per_document_with_volume_ids() -> None:
    batch = read("frus-mini.xml")
    assert [r.id for r in batch.records] == [f"frus-mini/d{i}" for i in (1, 2, 3, 4)]
    assert {r.collection for r in batch.records} == {"frus-mini"}
    assert {r.format for r in batch.records} == {"tei"}
    assert batch.warnings == []


def test_collection_metadata_from_the_header() -> None:
    col = read("frus-mini.xml").collection
    assert col.id == "frus-mini"
    assert col.format == "tei"
    assert col.title.startswith("Foreign Relations of the United States, 1961–1963, Volume XCIX")
    assert col.meta["series"] == "Foreign Relations of the United States"
    assert col.meta["subseries"] == "1961–1963"
    assert col.meta["volumenumber"] == "Volume XCIX"
    assert col.meta["volume"] == "Test Matters"
    assert col.meta["editors"] == [
        {"name": "Jane Q. Editor", "role": "primary"},
        {"name": "John General", "role": "general"},
    ]
    assert col.meta["publication_year"] == "1999"
    assert col.meta["idno"] == {"dospubno": "10999", "frus": "frus-mini"}  # empty idno left out
    assert col.meta["years"] == [1961, 1963]


def test_persons_and_terms_of_the_front_matter() -> None:
    col = read("frus-mini.xml").collection
    assert [(p.xml_id, p.name, p.description) for p in col.persons] == [
        ("p_KNS2", "Khrushchev, Nikita S.", "Chairman of the Council of Ministers"),
        ("p_RD3", "Rusk, Dean", "Secretary of State"),
    ]
    assert [(t.xml_id, t.term) for t in col.terms] == [("t_SOV1", "SOV"), ("t_USSR1", "USSR")]
    assert col.terms[0].description == "Office of Soviet Union Affairs, Department of State"


def test_plain_and_gzip_volumes_read_alike(tmp_path: Path) -> None:
    gz = tmp_path / "frus-mini.xml.gz"
    with (FIXTURES / "frus-mini.xml").open("rb") as src, gzip.open(gz, "wb") as dst:
        shutil.copyfileobj(src, dst)
    plain = read("frus-mini.xml")
    zipped = next(TeiReader().read(gz))
    assert zipped.collection.id == "frus-mini"
    assert [r.to_dict() | {"origin": None} for r in zipped.records] == [
        r.to_dict() | {"origin": None} for r in plain.records
    ]


def test_volume_id_drops_the_extensions() -> None:
    assert volume_id(Path("a/frus1961-63v06.xml.gz")) == "frus1961-63v06"
    assert volume_id(Path("frus1961-63v06.xml")) == "frus1961-63v06"


def test_markup_values_of_a_telegram() -> None:
    rec = by_id(read("frus-mini.xml"))["frus-mini/d1"]
    assert rec.number == "1"
    assert rec.title == "Telegram From the Department of State to the Embassy in the Soviet Union"
    assert rec.doc_type == "telegram"
    assert (rec.sender, rec.recipient) == ("Department of State", "Embassy in the Soviet Union")
    assert (rec.place, rec.date, rec.time) == ("Washington", "1961-01-21", "18:34")
    assert rec.signers[0].name == "Rusk"
    assert rec.extra["chapter"] == "January 1961"
    assert rec.extra["compilation"] == "Soviet Union"


def test_source_note_is_not_a_footnote() -> None:
    rec = by_id(read("frus-mini.xml"))["frus-mini/d1"]
    assert rec.source_note is not None
    assert rec.source_note.startswith("Source: Department of State, Central Files, 711.11/1-2161.")
    assert [(f.n, f.text) for f in rec.footnotes] == [
        ("1", "Printed from a copy; see vol. X, Part 1, Document 45.")
    ]
    typed = by_id(read("frus-mini.xml"))["frus-mini/d2"]  # type="source" with n="1"
    assert typed.source_note == (
        "Source: Kennedy Library, National Security Files. No classification marking."
    )
    assert typed.footnotes == []


def test_text_leaves_out_notes_and_renders_lists_and_tables() -> None:
    rec = by_id(read("frus-mini.xml"))["frus-mini/d1"]
    assert rec.text == (
        "1174. For Ambassador. See Document 2. Pass message to Khrushchev.\n\n"
        "[1 paragraph (3 lines) not declassified]\n\n"
        "First point\n(b) Second\npoint\n\n"
        "Item | Count\nTanks | 12\n\n"
        "Rusk"
    )
    assert "Printed from a copy" not in rec.text
    assert "Source:" not in rec.text
    assert "January 21" not in rec.text  # the dateline is a field, not body text


def test_references_from_ref_elements_resolve_to_record_ids() -> None:
    recs = by_id(read("frus-mini.xml"))
    refs = {(r.text, r.target) for r in recs["frus-mini/d1"].references}
    assert ("Document 2", "frus-mini/d2") in refs
    assert ("vol. X, Part 1, Document 45", "frus1958-60v10p1/d45") in refs
    # Each ref element once: the printed-text finder does not add it again.
    assert [r.text for r in recs["frus-mini/d1"].references].count("Document 2") == 1
    assert ("page 12", None) in {(r.text, r.target) for r in recs["frus-mini/d3"].references}


def test_date_range_and_several_senders() -> None:
    rec = by_id(read("frus-mini.xml"))["frus-mini/d2"]
    assert (rec.date_not_before, rec.date_not_after) == ("1961-01-29", "1961-01-30")
    assert rec.sender is not None
    assert "Khrushchev" in rec.sender and "Brezhnev" in rec.sender
    assert rec.recipient is not None and "Kennedy" in rec.recipient
    assert [(s.name, s.title) for s in rec.signers] == [
        ("N. Khrushchev", "Chairman of the Council of Ministers")
    ]


def test_time_from_the_time_element_and_nested_sections() -> None:
    recs = by_id(read("frus-mini.xml"))
    d4 = recs["frus-mini/d4"]
    assert (d4.date, d4.time) == ("1961-02-02", "09:00")
    assert d4.doc_type == "memorandum-of-conversation"
    assert [s["id"] for s in d4.extra["sections"]] == ["comp1", "ch2", "ch2a"]
    assert d4.extra["chapter"] == "Berlin"


def test_editorial_note() -> None:
    rec = by_id(read("frus-mini.xml"))["frus-mini/d3"]
    assert rec.doc_type == "editorial-note"
    assert rec.date is None
    assert rec.flags == []  # editorial notes have neither dateline nor source note by nature


def test_old_namespace_volume_with_attachment() -> None:
    batch = read("frus-old.xml")
    rec = by_id(batch)["frus-old/d1"]
    assert batch.collection.meta["frus_namespace"] == "http://history.state.gov/frus/ns/1.0"
    assert rec.source_note == "501.BB Interim/1–348: Telegram"
    assert rec.doc_type == "telegram"  # from the source note's ": Telegram"
    assert rec.sender == "Acting Secretary of State"
    assert rec.recipient is not None and "Austin" in rec.recipient
    assert (rec.place, rec.date) == ("Washington", "1948-01-03")
    assert rec.extra["attachments"] == [{"head": "The Secretary of State to the Speaker"}]
    assert "Enclosed text of the attachment." in rec.text
    assert [f.text for f in rec.footnotes] == ["A footnote.", "Text from hearings."]


@pytest.mark.parametrize("markup", [True, False])
def test_marking_printed_as_the_first_line_of_the_body(markup: bool) -> None:
    # The 1948-51 volumes: no classification in the source note, "Secret  US Urgent" in the
    # opener; the body's text keeps the line as printed.
    rec = by_id(read("frus-old.xml", markup=markup))["frus-old/d1"]
    assert rec.classification == "secret"
    assert rec.handling == ["US Urgent"]
    assert rec.text.startswith("secret")
    assert by_id(read("frus-old.xml", markup=markup))["frus-old/d2"].classification is None


def test_repeated_xml_id_is_a_warning_naming_it() -> None:
    batch = read("frus-old.xml")
    assert len(batch.records) == 2
    assert len(batch.warnings) == 1
    assert "'d1fn1'" in batch.warnings[0]


def test_catalog_entries_of_a_microfiche_supplement() -> None:
    recs = by_id(read("frus-msupp.xml"))
    d3 = recs["frus-msupp/d3"]
    assert "catalog-entry" in d3.flags
    assert d3.number == "3"
    assert d3.doc_type == "letter"
    assert (d3.sender, d3.recipient) == ("Fisk", "McCloy")
    assert d3.date == "1961-03-02"  # the year from the chapter "March 1961"
    assert d3.classification == "top secret"
    assert d3.extra["pages"] == 71
    assert d3.source.repository == "Kennedy Library"
    assert d3.text == ""


def test_catalog_entry_without_a_year_gets_the_volume_span() -> None:
    d4 = by_id(read("frus-msupp.xml"))["frus-msupp/d4"]
    assert d4.date is None
    assert (d4.date_not_before, d4.date_not_after) == ("1961-01-01", "1963-12-31")
    assert d4.classification == "secret"
    assert d4.extra["pages"] == 1
    assert d4.extra["editorial_remarks"] == ["citation says 2 pp."]


@pytest.mark.parametrize("name", ["frus-mini.xml", "frus-old.xml"])
def test_printed_text_alone_agrees_with_markup_here(name: str) -> None:
    marked = by_id(read(name))
    printed = by_id(read(name, markup=False))
    assert marked.keys() == printed.keys()
    for rid, rec in marked.items():
        assert printed[rid].text == rec.text
        assert printed[rid].footnotes == rec.footnotes
        if rec.date and rec.date_not_before == rec.date_not_after:
            assert printed[rid].date == rec.date, rid
        if rec.place:
            assert printed[rid].place == rec.place, rid


def test_records_serialise_with_every_key() -> None:
    d = read("frus-mini.xml").records[0].to_dict()
    assert d["from"] == "Department of State"
    assert d["to"] == "Embassy in the Soviet Union"
    assert Record.from_dict(d).to_dict() == d


@pytest.mark.parametrize("markup", [True, False])
def test_bracketed_source_of_a_document_not_declassified(tmp_path: Path, markup: bool) -> None:
    # The whole of such a document: its heading, dateline and "[Source: ... not declassified.]".
    text = (FIXTURES / "frus-old.xml").read_text(encoding="utf-8")
    doc = ('<div type="document" xml:id="d9" n="9"><head>9. Airgram A–232 From the '
           '<gloss type="from">Embassy in Korea</gloss> to the <gloss type="to">Department of '
           'State</gloss></head><dateline><placeName>Seoul</placeName>, <date when="1964-11-02">'
           'November 2, 1964</date>.</dateline><p>[Source: National Archives, RG 59, Central '
           'Files 1964–66, POL 1 KOR S. Secret; Limited Distribution. 4 pages of\n source text '
           'not declassified.]</p></div>')
    path = tmp_path / "frus-old.xml"
    path.write_text(text.replace("</body>", doc + "</body>"), encoding="utf-8")
    rec = by_id(next(iter(TeiReader(markup=markup).read(path))))["frus-old/d9"]
    assert rec.source_note is not None and rec.source_note.startswith("National Archives, RG 59")
    assert (rec.classification, rec.handling) == ("secret", ["Limited Distribution"])
    assert "no source note" not in rec.flags
