"""Citations of a fixed document, pinned per format; BibTeX and RIS read back by libraries.

Layouts: https://www.chicagomanualofstyle.org/tools_citationguide.html (notes),
https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html (CSL-JSON),
https://en.wikipedia.org/wiki/RIS_(file_format) (RIS tags).
"""

from __future__ import annotations

import json

import bibtexparser
import rispy
from hypothesis import given
from hypothesis import strategies as st
from starlette.testclient import TestClient
from web_fixtures import V06

from cablegram.record import Collection, Record
from cablegram.web import citation

URL = "https://history.state.gov/historicaldocuments/frus1961-63v06/d65"
BOOK = ("Foreign Relations of the United States, 1961–1963, Volume VI, "
        "Kennedy-Khrushchev Exchanges")

CHICAGO = (
    "“Letter From Chairman Khrushchev to President Kennedy,” Moscow, October 26, 1962, in "
    f"{BOOK}, ed. Charles S. Sampson (Washington: Government Printing Office, 1996), "
    f"Document 65, {URL}.")

BIBTEX = f"""@incollection{{frus1961_63v06_d65,
  title = {{Letter From Chairman Khrushchev to President Kennedy}},
  booktitle = {{{BOOK}}},
  editor = {{Charles S. Sampson}},
  publisher = {{Government Printing Office}},
  address = {{Washington}},
  year = {{1996}},
  number = {{65}},
  note = {{Moscow, October 26, 1962}},
  url = {{{URL}}}
}}
"""

RIS = f"""TY  - CHAP
ID  - frus1961_63v06_d65
TI  - Letter From Chairman Khrushchev to President Kennedy
T2  - {BOOK}
A2  - Charles S. Sampson
DA  - 1962/10/26
PY  - 1996
PB  - Government Printing Office
CY  - Washington
SE  - Document 65
N1  - Moscow, October 26, 1962
UR  - {URL}
ER  - \n"""  # RIS ends a record with "ER  - " (the space is part of the tag)

CSL = {"id": "frus1961_63v06_d65", "type": "chapter",
       "title": "Letter From Chairman Khrushchev to President Kennedy",
       "container-title": BOOK, "URL": URL, "editor": [{"literal": "Charles S. Sampson"}],
       "publisher": "Government Printing Office", "publisher-place": "Washington",
       "original-date": {"date-parts": [[1962, 10, 26]]}, "issued": {"date-parts": [[1996]]},
       "number": "65", "event-place": "Moscow"}


def test_chicago_in_the_page_and_its_twin(client: TestClient) -> None:
    data = client.get(f"/documents/{V06}/d65.json").json()
    assert data["citation"]["chicago"] == CHICAGO
    assert data["citation"]["csl"] == CSL
    assert '<p class="chicago" id="chicago">“Letter From' in client.get(
        f"/documents/{V06}/d65").text


def test_bibtex_pinned_and_parsed(client: TestClient) -> None:
    text = client.get(f"/documents/{V06}/d65.bib").text
    assert text == BIBTEX
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "incollection" and entry.key == "frus1961_63v06_d65"
    assert entry.fields_dict["booktitle"].value == BOOK
    assert entry.fields_dict["url"].value == URL


def test_ris_pinned_and_parsed(client: TestClient) -> None:
    text = client.get(f"/documents/{V06}/d65.ris").text
    assert text == RIS
    (entry,) = rispy.loads(text)
    assert entry["type_of_reference"] == "CHAP"
    assert entry["title"] == "Letter From Chairman Khrushchev to President Kennedy"
    assert entry["secondary_title"] == BOOK
    assert entry["secondary_authors"] == ["Charles S. Sampson"]
    assert entry["urls"] == [URL]
    assert "unknown_tag" not in entry


def test_csl_json_download(client: TestClient) -> None:
    assert json.loads(client.get(f"/documents/{V06}/d65.csl.json").text) == [CSL]


_text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=60)


@given(title=_text, place=st.none() | _text, editor=_text)
def test_any_title_gives_bibtex_and_ris_that_parse(title: str, place: str | None,
                                                   editor: str) -> None:
    record = Record(id="frusX/d1", collection="frusX", number="1", title=title, place=place,
                    date="1962-10-26")
    col = Collection("frusX", meta={"series": "S", "subseries": "1962",
                                    "editors": [{"name": editor, "role": "primary"}]})
    c = citation.cited(record, col, "http://x")
    library = bibtexparser.parse_string(citation.bibtex(c))
    assert not library.failed_blocks and len(library.entries) == 1
    (entry,) = rispy.loads(citation.ris(c))
    assert entry["type_of_reference"] == "CHAP"
    expected = " ".join(c.title.split())
    assert entry.get("title", "") == expected
