"""The reader's paragraphs as HTML (`segments_html`): each kind of segment, the margin's
printed pages, and any text, note or target shown as text."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st
from web_fixtures import ATTR, SCRIPT

from cablegram.web.body import Segment
from cablegram.web.segments import segments_html

KINDS = ("text", "br", "person", "term", "redaction", "reference")


def test_each_kind_of_segment() -> None:
    para = [Segment("Rusk", "person", "Dean Rusk", "107516"), Segment(", "),
            Segment("Jones", "person", "Jones"), Segment("", "br"),
            Segment("Deptel", "term", "Department of State telegram"), Segment(" "),
            Segment("[1 line]", "redaction", "1 line"), Segment("[text]", "redaction"),
            Segment("Document 66", "reference", "Document 66", "frus1961-63v06/d66"),
            Segment("CDNW12467", "reference", None, "CDNW12467")]
    assert segments_html([para]) == (
        '<p><a class="person" href="/people/107516">Rusk</a>, '
        '<span class="person">Jones</span><br>'
        '<abbr class="term" title="Department of State telegram" tabindex="0">Deptel</abbr> '
        '<span class="redaction" title="Not declassified: 1 line">[1 line]</span>'
        '<span class="redaction" title="Not declassified">[text]</span>'
        '<a class="ref" href="/documents/frus1961-63v06/d66">Document 66</a>'
        '<a class="ref" href="/items/CDNW12467">CDNW12467</a></p>\n')


def test_printed_pages_stand_before_their_paragraph() -> None:
    paras = [[Segment("One.")], [Segment("Two.")], [Segment("Three.")]]
    assert segments_html(paras, "span", [["411"], [], ["412", "413"]]) == (
        '<span><span class="page-no"><span aria-label="printed page 411">p. 411</span>'
        '</span>One.</span>\n<span>Two.</span>\n<span><span class="page-no">'
        '<span aria-label="printed page 412">p. 412</span>'
        '<span aria-label="printed page 413">p. 413</span></span>Three.</span>\n')
    assert segments_html([]) == ""


def test_payloads_are_text_everywhere() -> None:
    para = [Segment(SCRIPT), Segment(ATTR, "person", ATTR, ATTR),
            Segment(SCRIPT, "term", ATTR), Segment(ATTR, "redaction", ATTR),
            Segment(SCRIPT, "reference", SCRIPT, ATTR)]
    html = str(segments_html([para], margin=[[ATTR]]))
    assert "<script" not in html and "<img" not in html and 'onerror="' not in html
    assert html.count("&lt;script&gt;") == 3


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: set[str] = set()
        self.titles: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "abbr":
            self.titles += [v for k, v in attrs if k == "title"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


segment = st.builds(Segment, st.text(), st.sampled_from(KINDS), st.none() | st.text(),
                    st.none() | st.text())


@given(st.lists(st.lists(segment, max_size=6), max_size=4))
def test_any_segment_is_shown_as_its_text(paras: list[list[Segment]]) -> None:
    reader = _Reader()
    reader.feed(segments_html(paras))
    reader.close()
    # Every segment's text comes back as text (a br shows none), in order, and only the
    # reader's own elements are made.
    assert "".join(reader.text) == "".join(
        "".join(s.text for s in p if s.kind != "br") + "\n" for p in paras)
    assert reader.tags <= {"p", "a", "span", "abbr", "br"}
    # A term's expansion is its title, whatever characters it holds.
    assert reader.titles == [str(s.note) for p in paras for s in p if s.kind == "term"]
