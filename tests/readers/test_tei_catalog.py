"""Cutting microfiche catalog headings, and the text normaliser: examples and properties."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cablegram.readers.tei_catalog import CatalogEntry, parse_catalog_entry, year_of
from cablegram.readers.tei_text import LINE, PARA, norm


def test_entry_with_comma_before_pages() -> None:
    e = parse_catalog_entry(
        "74. Memorandum from Kaysen to President Kennedy, January 5. Resumption of testing. "
        "Secret, 4 pp. Kennedy Library, National Security Files.",
        default_year=1962,
        years=None,
    )
    assert e.number == "74"
    assert e.date_text == "January 5"
    assert e.summary == "Resumption of testing"
    assert e.classification_text == "Secret."
    assert e.pages == 4
    assert e.archive == "Kennedy Library, National Security Files."
    assert e.source.classification == "secret"


def test_entry_with_month_and_year_only() -> None:
    e = parse_catalog_entry(
        "279. Paper prepared by the Department of State, September 1962. “Policy.” Secret. "
        "40 pp. Department of State, S/S–NSC Files.",
        default_year=None,
        years=(1961, 1963),
    )
    assert e.date_text == "September 1962"
    assert e.dateline.date is None
    assert (e.dateline.not_before, e.dateline.not_after) == ("1962-09-01", "1962-09-30")
    assert e.pages == 40


def test_undated_entry_has_no_date() -> None:
    e = parse_catalog_entry(
        "156. Draft Non-Transfer Declaration, undated. Disarmament. Confidential. 2 pp. "
        "Department of State, Conference Files: Lot 65 D 533.",
        default_year=1962,
        years=(1961, 1963),
    )
    assert e.date_text == "undated"
    assert e.dateline.date is None and e.dateline.not_before is None


def test_year_of_a_chapter_title() -> None:
    assert year_of("January 1961") == 1961
    assert year_of("Arms Control and Disarmament") is None
    assert year_of("1961–1963") is None  # two years: no single default


@given(st.text(max_size=300), st.none() | st.integers(1900, 2000))
def test_any_heading_gives_an_entry(text: str, year: int | None) -> None:
    e = parse_catalog_entry(text, default_year=year, years=(1961, 1963))
    assert isinstance(e, CatalogEntry)
    assert e.pages is None or e.pages >= 0


@given(st.lists(st.sampled_from(["a", "b c", " ", "\n", "\t", LINE, PARA, " | ", "\xa0"]),
                max_size=40))
def test_norm_leaves_no_sentinels_or_runs_of_spaces(parts: list[str]) -> None:
    out = norm("".join(parts))
    assert LINE not in out and PARA not in out
    assert "  " not in out and "\t" not in out
    assert out == out.strip()
    assert "\n\n\n" not in out
