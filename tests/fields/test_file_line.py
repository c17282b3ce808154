"""File-number lines of the older volumes, as history.state.gov prints them above a heading
(e.g. https://history.state.gov/historicaldocuments/frus1941v04/d552 "740.0011 Pacific
War/854e: Telegram", https://history.state.gov/historicaldocuments/frus1942v03/d510
"Moscow Embassy Files: Lot F–96", https://history.state.gov/historicaldocuments/frus1919Parisv02/d60
"Paris Peace Conf. 763.72/9: Telegram")."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.fields.file_line import FileLine, FileLineError, parse_file_line


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("124.616/381: Telegram", FileLine("124.616/381", "Telegram")),
        ("740.0011 European War 1939/14641: Telegram",
         FileLine("740.0011 European War 1939/14641", "Telegram")),
        ("740.0011 Pacific War/848d: Circular telegram",
         FileLine("740.0011 Pacific War/848d", "Circular telegram")),
        ("Paris Peace Conf. 184.63/13: Telegram",
         FileLine("Paris Peace Conf. 184.63/13", "Telegram")),
        ("123 Standley, Wm. H./15: Telegram", FileLine("123 Standley, Wm. H./15", "Telegram")),
        ("851G.01/6–1449: Telegram", FileLine("851G.01/6–1449", "Telegram")),
        ("711.9612/10–2648: Airgram", FileLine("711.9612/10–2648", "Airgram")),
        ("890F.6363/1–2648", FileLine("890F.6363/1–2648", None)),
        ("File No. 763.72/1234", FileLine("File No. 763.72/1234", None)),
        ("Moscow Embassy Files: Lot F–96", FileLine("Moscow Embassy Files: Lot F–96", None)),
    ],
)
def test_file_lines(text: str, want: FileLine) -> None:
    assert parse_file_line(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "1538. In view of the evidence accumulating hourly",  # a telegram's first paragraph
        "The Minister in Switzerland (Harrison) to the Secretary of State",
        "Washington, 7/16/61.", "123 students/teachers", "Secret Files", "",
        "London, January 10, 1948—6 p.m.",
    ],
)
def test_not_file_lines(text: str) -> None:
    assert parse_file_line(text) is None


def test_not_text() -> None:
    with pytest.raises(FileLineError):
        parse_file_line(None)  # type: ignore[arg-type]


@given(st.text(max_size=200))
def test_any_text_gives_a_line_or_none(text: str) -> None:
    got = parse_file_line(text)
    assert got is None or "/" in got.file or "Lot" in got.file


@given(st.from_regex(r"\d{3}\.\d{1,4}/\d{1,5}", fullmatch=True),
       st.sampled_from(["Telegram", "Airgram", "Circular telegram", None]))
def test_round_trip(file: str, doc_type: str | None) -> None:
    text = file + (f": {doc_type}" if doc_type else "")
    assert parse_file_line(text) == FileLine(file, doc_type)
