"""A document's volume and number from its history.state.gov URL or a saved page's name
(URLs as the site prints them: https://history.state.gov/historicaldocuments/frus1969-76v15/d164)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.fields.doc_name import (
    DocName,
    DocNameError,
    find_doc_url,
    parse_doc_url,
    parse_file_name,
)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://history.state.gov/historicaldocuments/frus1969-76v15/d164",
         DocName("frus1969-76v15", "164")),
        ("http://history.state.gov/historicaldocuments/frus1961-63v07-09mSupp/d12A",
         DocName("frus1961-63v07-09mSupp", "12A")),
        ("https://history.state.gov/historicaldocuments/frus1969-76v15/ch3",
         DocName("frus1969-76v15", None)),
        ("https://history.state.gov/historicaldocuments/frus1952-54Guat",
         DocName("frus1952-54Guat", None)),
        ("https://example.org/historicaldocuments/frus1969-76v15/d164", None),
        ("frus1969-76v15/d164", None),
    ],
)
def test_url(url: str, name: DocName | None) -> None:
    assert parse_doc_url(url) == name


@pytest.mark.parametrize(
    ("file", "name"),
    [
        ("frus1969-76v15_d164.txt", DocName("frus1969-76v15", "164")),
        ("frus1969-76v15-d164.html", DocName("frus1969-76v15", "164")),
        ("frus1977-80v17p3_d5.txt.gz", DocName("frus1977-80v17p3", "5")),
        ("d164.html", DocName(None, "164")),
        ("frus1969-76v15.txt", DocName("frus1969-76v15", None)),
        ("page-3.txt", None),
        ("164.txt", None),
    ],
)
def test_file_name(file: str, name: DocName | None) -> None:
    assert parse_file_name(file) == name


def test_url_found_in_text() -> None:
    text = "Cite this page: https://history.state.gov/historicaldocuments/frus1969-76v15/d164 ."
    assert find_doc_url(text) == "https://history.state.gov/historicaldocuments/frus1969-76v15/d164"
    assert find_doc_url("no address here") is None


def test_not_text_is_the_module_error() -> None:
    with pytest.raises(DocNameError):
        parse_doc_url(164)  # type: ignore[arg-type]


@given(st.text(max_size=120))
def test_any_text(text: str) -> None:
    for fn in (parse_doc_url, parse_file_name, find_doc_url):
        fn(text)


@given(st.from_regex(r"frus[0-9]{4}-[0-9]{2}v[0-9]{2}", fullmatch=True), st.integers(1, 9999))
def test_url_and_file_agree(volume: str, n: int) -> None:
    url = parse_doc_url(f"https://history.state.gov/historicaldocuments/{volume}/d{n}")
    assert url == parse_file_name(f"{volume}_d{n}.txt") == DocName(volume, str(n))
