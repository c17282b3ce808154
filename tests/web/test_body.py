"""The reader's text: paragraphs of marked segments, on hand-made texts and on any text."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from cablegram.record import Mention, Record, Redaction, Reference, TermLink
from cablegram.web.body import Mark, Segment, paragraphs, record_marks


def _joined(paras: list[list[Segment]]) -> str:
    return "\n\n".join("".join("\n" if s.kind == "br" else s.text for s in p) for p in paras)


def test_paragraphs_lines_and_marks() -> None:
    text = "First line\nsecond line.\n\nThe Deptel said [1 line not declassified]."
    marks = [Mark(text.index("Deptel"), text.index("Deptel") + 6, "term", "Dept telegram"),
             Mark(text.index("["), len(text) - 1, "redaction", "1 line")]
    paras = paragraphs(text, marks)
    assert paras[0] == [Segment("First line"), Segment("", "br"), Segment("second line.")]
    assert paras[1] == [Segment("The "), Segment("Deptel", "term", "Dept telegram"),
                        Segment(" said "),
                        Segment("[1 line not declassified]", "redaction", "1 line"),
                        Segment(".")]


def test_overlapping_and_out_of_range_marks_are_dropped() -> None:
    text = "abcdef\n\nghij"
    marks = [Mark(0, 4, "term"), Mark(2, 5, "person"), Mark(4, 10, "term"),
             Mark(9, 99, "term"), Mark(-1, 2, "term")]
    assert paragraphs(text, marks) == [[Segment("abcd", "term"), Segment("ef")],
                                       [Segment("ghij")]]


def test_record_marks_check_mentions_against_the_text() -> None:
    record = Record(id="c/d1", collection="c", text="Deptel 12 of Document 3.",
                    terms=[TermLink("Deptel", "Department telegram",
                                    [Mention("Deptel", 0, 6), Mention("Wrong", 7, 9)])],
                    references=[Reference("Document 3", "c/d3"), Reference("Document 9")],
                    redactions=[Redaction("12", None)])
    kinds = sorted((m.kind, m.start, m.end, m.target) for m in record_marks(record))
    assert kinds == [("redaction", 7, 9, None), ("reference", 13, 23, "c/d3"),
                     ("term", 0, 6, None)]


@example("<<<<\n\n", [(0, 5)])  # a mark that runs into the paragraph break
@given(st.text(alphabet="ab \n<>&\"'", max_size=80),
       st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90)), max_size=8))
def test_any_text_and_marks_keep_every_character(text: str,
                                                 spans: list[tuple[int, int]]) -> None:
    marks = [Mark(a, b, "term") for a, b in spans]
    paras = paragraphs(text, marks)
    # Nothing lost but the blank lines between paragraphs (and empty paragraphs).
    expected = "\n\n".join(p for p in text.split("\n\n") if p)
    assert _joined(paras) == expected
    assert all(s.text or s.kind == "br" for p in paras for s in p)


def test_a_person_links_to_the_register_else_to_the_volume_list() -> None:
    from cablegram.record import PersonLink

    record = Record(id="c/d1", collection="c", text="Rusk and Thompson.", persons=[
        PersonLink("107516", "Dean Rusk", [Mention("Rusk", 0, 4)], volume_id="p_RD1"),
        PersonLink(None, "Llewellyn Thompson", [Mention("Thompson", 9, 17)],
                   volume_id="p_TLE1")])
    assert [(m.text, m.target) for m in (Segment(record.text[k.start:k.end], k.kind,
                                                 k.note, k.target)
                                         for k in record_marks(record))] == [
        ("Rusk", "107516"), ("Thompson", "c:p_TLE1")]


def test_year_chart_bars_cover_every_year_and_scale() -> None:
    from cablegram.web.filters import bars

    bs = bars([{"year": 1960, "documents": 10}, {"year": 1962, "documents": 5}])
    assert [(b.year, b.documents, b.height) for b in bs] == [
        (1960, 10, 140.0), (1961, 0, 0.0), (1962, 5, 70.0)]
    assert bars([]) == []
