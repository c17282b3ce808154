"""Markup links from the TEI reader: persName/@corresp in a document's text, with offsets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.readers.tei import TeiReader
from cablegram.readers.tei_persons import fence, unfence
from cablegram.record import Record

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tei"
CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", "/work/shared/corpus"))


def _record(*, markup: bool = True) -> Record:
    return next(iter(TeiReader(markup=markup).read(FIXTURES / "frus-persons.xml"))).records[0]


def test_each_tagged_name_in_the_text_is_a_markup_link_with_offsets() -> None:
    rec = _record()
    got = [(p.volume_id, p.how, p.id, [m.text for m in p.mentions]) for p in rec.persons]
    assert got == [
        ("p_KVV2", "markup", None, ["Kuznetsov"]),   # spaces inside the element trimmed
        ("p_KJF2", "markup", None, ["Kennedy"]),     # in the text; the one in a note is not
        ("p_KRF1", "markup", None, ["Robert Kennedy"]),  # a line break inside: one space
        ("p_KFD1", "markup", None, ["Kohler"]),      # the signature; the source note's is not
    ]
    for p in rec.persons:
        assert all(rec.text[m.start : m.end] == m.text for m in p.mentions)


def test_the_text_is_the_same_with_markup_off_and_no_links() -> None:
    plain = _record(markup=False)
    assert plain.text == _record().text
    assert plain.persons == []


def test_persname_without_corresp_is_no_link() -> None:
    assert "Gromyko" in _record().text
    assert all(p.name != "Gromyko" for p in _record().persons)


@pytest.mark.parametrize(("marked", "clean", "spans"), [
    ("a \ue002b\ue003 c", "a b c", [(2, 3)]),
    ("a \ue002 b \ue003 c", "a b c", [(2, 3)]),
    ("\ue002 b\ue003\nc", "b\nc", [(0, 1)]),
    ("a \ue002b \ue003\n\nc", "a b\n\nc", [(2, 3)]),
    ("x\ue002\ue002y\ue003\ue003", "xy", [(1, 2), (1, 2)]),
    ("no fences", "no fences", []),
])
def test_unfence(marked: str, clean: str, spans: list[tuple[int, int]]) -> None:
    ids = [f"p_{i}" for i in range(marked.count("\ue002"))]
    text, links = unfence(marked, ids)
    assert text == clean
    assert sorted((m.start, m.end) for p in links for m in p.mentions) == spans


def test_fence_skips_empty_and_unlinked_names() -> None:
    from lxml import etree

    tei = "http://www.tei-c.org/ns/1.0"
    doc = etree.fromstring(
        f'<div xmlns="{tei}"><p><persName corresp="#p_A1">A</persName> '
        f'<persName corresp="#p_B1"/> <persName>C</persName></p></div>')
    assert fence(doc) == ["p_A1"]


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "frus").is_dir(), reason=f"no corpus at {CORPUS}")
def test_a_corpus_volume_reads_the_same_text_with_and_without_markup() -> None:
    path = CORPUS / "frus" / "frus1961-63v06.xml.gz"
    marked = next(iter(TeiReader().read(path))).records
    plain = next(iter(TeiReader(markup=False).read(path))).records
    assert [r.text for r in marked] == [r.text for r in plain]
    mentions = [(r, m) for r in marked for p in r.persons for m in p.mentions]
    assert len(mentions) > 400  # most of v06's 1,164 tags are in notes and headings
    assert all(r.text[m.start : m.end] == m.text for r, m in mentions)


@given(st.lists(st.one_of(st.text(alphabet="ab \n", max_size=4), st.just("\ue002"),
                          st.just("\ue003")), max_size=12))
def test_unfence_any_text_gives_clean_text_and_spans_inside_it(parts: list[str]) -> None:
    marked = "".join(parts)
    ids = [f"p_{i}" for i in range(marked.count("\ue002"))]
    text, links = unfence(marked, ids)
    assert "\ue002" not in text and "\ue003" not in text
    for p in links:
        assert p.volume_id in ids and p.how == "markup"
        for m in p.mentions:
            assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text
            assert m.text == m.text.strip()
