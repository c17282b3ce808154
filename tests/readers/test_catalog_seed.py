"""The two cable-catalog seed pages (000: pipes, 001: spaces), read one by one and together.

Expected values were written from reading the pages, not from the reader's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cablegram.readers.catalog import (
    CITED_ONLY,
    CatalogReader,
    flag_duplicates,
    merge_batch,
    merge_records,
)
from cablegram.readers.catalog_posts import load_glossary, parse_glossary
from cablegram.readers.registry import detect_reader
from cablegram.record import Batch, Record

FIX = Path(__file__).parent.parent / "fixtures" / "text"
PAGE_0 = FIX / "000_bf63f812ba403214.txt"  # November 20-21, 1962, pipes
PAGE_1 = FIX / "001_dae7b9ded274fa96.txt"  # November 8-13, 1962, spaces, sections

# item: (date, from code, to code, number)
LISTED = {
    "CDNW12467": ("1962-11-20", "NATOPARIS", "EXTERNAL", "2711"),
    "CDNW12652": ("1962-11-20", "LDN", "EXTERNAL", "4120"),
    "CDNW12654": ("1962-11-20", "EMBPARIS", "EXTERNAL", "1505"),
    "CDNW12655": ("1962-11-20", "HAVANA", "EXTERNAL", "257"),
    "CDNW12658": ("1962-11-20", "NATOPARIS", "EXTERNAL", "2711"),
    "CDNW12478": ("1962-11-21", "CAIRO", "EXTERNAL", "595"),
    "CDNW12656": ("1962-11-21", "WASHDC", "EXTERNAL", "3412"),
    "CDNW12657": ("1962-11-21", "WASHDC", "EXTERNAL", "3401"),
    "CDNW12452": ("1962-11-08", "WASHDC", "EXTERNAL", "3316"),
    "CDNW12625": ("1962-11-08", "WASHDC", "EXTERNAL", "3314"),
    "CDNW12407": ("1962-11-09", "CANDELNY", "EXTERNAL", "2159"),
    "CDNW12631": ("1962-11-13", "WASHDC", "EXTERNAL", "3355"),
    "CDNW12630": ("1962-11-13", "LDN", "EXTERNAL", "4028"),
    "CDNW12622": ("1962-11-08", "WASHDC", "EXTERNAL", "3315"),
    "CDNW12637": ("1962-11-08", "WASHDC", "EXTERNAL", "3322"),
    "CDNW12615": ("1962-11-08", "EMBPARIS", "EXTERNAL", "1470"),
    "CDNW12638": ("1962-11-09", "WASHDC", "EXTERNAL", "3326"),
    "CDNW12435": ("1962-11-13", "BONN", "EXTERNAL", "769"),
    "CDNW12613": ("1962-11-08", "LDN", "EXTERNAL", "3980"),
    "CDNW12616": ("1962-11-08", "LDN", "EXTERNAL", "3978"),
}
POSTS = {
    "NATOPARIS": "Canadian Permanent Delegation to the North Atlantic Council, Paris",
    "LDN": "Canadian High Commission, London",
    "EMBPARIS": "Canadian Embassy, Paris",
    "WASHDC": "Canadian Embassy, Washington",
    "CANDELNY": "Canadian Permanent Mission to the United Nations, New York",
    "BONN": "Canadian Embassy, Bonn",
    "CAIRO": "Canadian Embassy, Cairo",
    "HAVANA": "Canadian Embassy, Havana",
    "EXTERNAL": "Department of External Affairs, Ottawa",
}
CITED_ONLY_IDS = {"CDNW12686", "CDNW12691", "CDNW12344"}


@pytest.fixture(scope="module")
def both() -> Batch:
    return CatalogReader().read_pages([PAGE_0, PAGE_1])


@pytest.fixture(scope="module")
def items(both: Batch) -> dict[str, Record]:
    return {r.id: r for r in both.records if r.doc_type != "catalog-page"}


def _one(path: Path) -> dict[str, Record]:
    batch = next(CatalogReader().read(path))
    return {r.id: r for r in batch.records}


def test_detected_as_catalog() -> None:
    assert detect_reader(PAGE_0).name == "catalog"
    assert detect_reader(PAGE_1).name == "catalog"


def test_twenty_listed_items_three_cited_only(items: dict[str, Record]) -> None:
    listed = {i for i, r in items.items() if CITED_ONLY not in r.flags}
    cited = {i for i, r in items.items() if CITED_ONLY in r.flags}
    assert listed == set(LISTED)
    assert cited == CITED_ONLY_IDS


@pytest.mark.parametrize("item", sorted(LISTED))
def test_listed_item_fields(items: dict[str, Record], item: str) -> None:
    r = items[item]
    date, sender, recipient, number = LISTED[item]
    assert (r.date, r.extra["from_code"], r.extra["to_code"], r.telegram_number) == (
        date, sender, recipient, number)
    assert (r.sender, r.recipient) == (POSTS[sender], POSTS[recipient])
    assert r.doc_type == "telegram"
    assert r.collection == "cdnw"
    assert r.extra["file"] == f"{item}.pdf"


def test_page_date_ranges(both: Batch) -> None:
    pages = {r.origin: r for r in both.records if r.doc_type == "catalog-page"}
    assert (pages[str(PAGE_0)].date_not_before, pages[str(PAGE_0)].date_not_after) == (
        "1962-11-20", "1962-11-21")
    assert (pages[str(PAGE_1)].date_not_before, pages[str(PAGE_1)].date_not_after) == (
        "1962-11-08", "1962-11-13")
    assert pages[str(PAGE_1)].title == "November 8 - November 13, 1962"


def test_sections_and_paragraphs() -> None:
    page = next(r for r in _one(PAGE_1).values() if r.doc_type == "catalog-page")
    titles = [s["title"] for s in page.extra["sections"]]
    assert titles == [None, "Negotiations Between Cuba and the USSR", "American Involvement",
                      "Cuban Crisis Elsewhere"]
    assert [len(s["paragraphs"]) for s in page.extra["sections"]] == [1, 3, 3, 3]
    page0 = next(r for r in _one(PAGE_0).values() if r.doc_type == "catalog-page")
    assert [len(s["paragraphs"]) for s in page0.extra["sections"]] == [7]


def test_listed_several_times_on_one_page_merges() -> None:
    recs = _one(PAGE_1)
    assert len(recs["CDNW12631"].extra["listed_in"]) == 3
    assert len(recs["CDNW12625"].extra["listed_in"]) == 2
    assert [x["table"] for x in recs["CDNW12452"].extra["listed_in"]] == [1, 3]
    assert not any(f.startswith("conflicting") for f in recs["CDNW12631"].flags)


def test_cited_on_one_page_listed_on_the_other(items: dict[str, Record]) -> None:
    alone = _one(PAGE_1)["CDNW12655"]
    assert CITED_ONLY in alone.flags and alone.date is None
    merged = items["CDNW12655"]
    assert CITED_ONLY not in merged.flags
    assert merged.date == "1962-11-20"
    pages = {c["origin"] for c in merged.extra["cited_in"]}
    assert pages == {str(PAGE_0), str(PAGE_1)}
    assert merged.extra["origins"] == [str(PAGE_0), str(PAGE_1)]


def test_possible_duplicates(items: dict[str, Record]) -> None:
    assert items["CDNW12467"].extra["possible_duplicates"] == ["CDNW12658"]
    assert items["CDNW12658"].extra["possible_duplicates"] == ["CDNW12467"]
    assert any(f.startswith("possible-duplicate") for f in items["CDNW12467"].flags)
    flagged = {i for i, r in items.items() if "possible_duplicates" in r.extra}
    assert flagged == {"CDNW12467", "CDNW12658"}


def test_citations_link_to_items(items: dict[str, Record], both: Batch) -> None:
    cited = items["CDNW12344"].extra["cited_in"]
    assert [(c["section"], c["paragraph"]) for c in cited] == [("Cuban Crisis Elsewhere", 10)]
    # CDNW12467 is cited twice on page 000 (paragraphs 2 and 7, no section titles there).
    c467 = [(c["section"], c["paragraph"]) for c in items["CDNW12467"].extra["cited_in"]]
    assert c467 == [(None, 2), (None, 7)]
    assert "cited_in" not in items["CDNW12478"].extra  # listed, never cited
    page0 = next(r for r in both.records if r.doc_type == "catalog-page"
                 and r.origin == str(PAGE_0))
    assert [ref.target for ref in page0.references] == [
        "CDNW12686", "CDNW12467", "CDNW12658", "CDNW12656", "CDNW12652", "CDNW12654",
        "CDNW12655", "CDNW12691"]


def test_merge_is_pure_and_order_independent_for_listing_fields() -> None:
    a, b = _one(PAGE_0)["CDNW12655"], _one(PAGE_1)["CDNW12655"]
    before = (a.to_dict(), b.to_dict())
    ab, ba = merge_records(a, b), merge_records(b, a)
    assert (a.to_dict(), b.to_dict()) == before
    for r in (ab, ba):
        assert r.date == "1962-11-20" and r.telegram_number == "257"
        assert CITED_ONLY not in r.flags
        assert len(r.extra["cited_in"]) == 3


def test_merge_flags_conflicting_listings() -> None:
    a = _one(PAGE_0)["CDNW12652"]
    c = _one(PAGE_0)["CDNW12652"]
    c.telegram_number = "4121"
    c.origin = "another-page.txt"
    c.extra["listed_in"][0]["origin"] = c.origin
    merged = merge_records(a, c)
    assert merged.telegram_number == "4120"
    assert "conflicting-listings: telegram_number '4120' vs '4121'" in merged.flags
    with pytest.raises(ValueError):
        merge_records(a, _one(PAGE_0)["CDNW12654"])


def test_a_page_read_again_replaces_its_own_contribution() -> None:
    a = _one(PAGE_0)["CDNW12652"]
    changed = _one(PAGE_0)["CDNW12652"]
    changed.telegram_number = "4121"
    assert merge_records(a, changed).telegram_number == "4121"
    assert merge_records(a, a).to_dict() == a.to_dict()
    both = merge_records(_one(PAGE_0)["CDNW12655"], _one(PAGE_1)["CDNW12655"])
    again = merge_records(both, _one(PAGE_1)["CDNW12655"])
    assert again.to_dict() == both.to_dict()


def test_merge_batch_as_a_store_would_use_it(both: Batch) -> None:
    reader = CatalogReader()
    first = next(reader.read(PAGE_0))
    second = next(reader.read(PAGE_1))
    stored = merge_batch(second, first.records, first.collection)
    got = {r.id: r.to_dict() for r in stored.records}
    want = {r.id: r.to_dict() for r in both.records}
    assert set(got) == set(want)
    for rid in want:
        for key in ("date", "from", "to", "telegram_number", "flags"):
            assert got[rid][key] == want[rid][key], (rid, key)
        for key in ("listed_in", "cited_in", "possible_duplicates"):
            assert got[rid]["extra"].get(key) == want[rid]["extra"].get(key), (rid, key)
    assert len(stored.collection.meta["pages"]) == 2
    # The same page ingested again changes nothing.
    again = merge_batch(next(reader.read(PAGE_1)), stored.records, stored.collection)
    assert [r.to_dict() for r in again.records] == [r.to_dict() for r in stored.records]
    assert len(again.collection.meta["pages"]) == 2


def test_flag_duplicates_is_idempotent(items: dict[str, Record]) -> None:
    recs = list(items.values())
    flag_duplicates(recs)
    assert sum(f.startswith("possible-duplicate") for f in items["CDNW12467"].flags) == 1


def test_folder_reads_as_one_batch(tmp_path: Path) -> None:
    for p in (PAGE_0, PAGE_1):
        (tmp_path / p.name).write_bytes(p.read_bytes())
    batch = next(CatalogReader().read(tmp_path))
    ids = [r.id for r in batch.records if r.doc_type == "telegram"]
    assert len(ids) == len(set(ids)) == 20
    assert batch.collection.id == "cdnw"
    assert len(batch.collection.meta["pages"]) == 2


def test_glossary_extended_by_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = load_glossary()
    for code, name in POSTS.items():
        assert base[code] == name
    user = tmp_path / "posts.tsv"
    user.write_text("# mine\nLDN\tHigh Commission in London\nKINGSTON\tCanadian High "
                    "Commission, Kingston\n", encoding="utf-8")
    monkeypatch.setenv("CABLEGRAM_GLOSSARY", str(user))
    g = load_glossary()
    assert g["LDN"] == "High Commission in London" and g["KINGSTON"].endswith("Kingston")
    monkeypatch.delenv("CABLEGRAM_GLOSSARY")
    recs = {r.id: r for r in CatalogReader(glossary=user).read_pages([PAGE_0]).records}
    assert recs["CDNW12652"].sender == "High Commission in London"


def test_unknown_post_kept_as_printed_and_flagged(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("November 1 - November 2, 1962\nA cable (XYZ00123).\n"
                    "Item | Date | From | To | Number |\n"
                    "XYZ00123.pdf | 1-Nov-62 | ATLANTIS | EXTERNAL | 12 |\n", encoding="utf-8")
    batch = next(CatalogReader().read(page))
    rec = next(r for r in batch.records if r.id == "XYZ00123")
    assert rec.sender == "ATLANTIS" and "unknown-post: ATLANTIS" in rec.flags
    assert rec.collection == "xyz"
    assert any("XYZ00123: unknown-post: ATLANTIS" in w for w in batch.warnings)


def test_bad_glossary_line_is_a_read_error() -> None:
    from cablegram.errors import ReadError

    with pytest.raises(ReadError, match="line 2"):
        parse_glossary("A\tB\nno tab here\n", "g.tsv")
