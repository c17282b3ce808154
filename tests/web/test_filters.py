"""Jinja filters: a search snippet's matches as <mark>, every other character as text."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st
from web_fixtures import ATTR, SCRIPT

from cablegram.search.engine import MARK_CLOSE, MARK_OPEN
from cablegram.web.filters import marked


def test_matches_are_marked_and_the_rest_escaped() -> None:
    assert marked(f"a {MARK_OPEN}b{MARK_CLOSE} <c> {MARK_OPEN}d e{MARK_CLOSE}") == \
        "a <mark>b</mark> &lt;c&gt; <mark>d e</mark>"
    assert marked(None) == marked("") == ""
    out = str(marked(f"{MARK_OPEN}{SCRIPT}{MARK_CLOSE}{ATTR}"))
    assert "<script" not in out and "<img" not in out and out.startswith("<mark>&lt;script")


class _Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[bool, str]] = []
        self.inside = False
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.inside = True

    def handle_endtag(self, tag: str) -> None:
        self.inside = False

    def handle_data(self, data: str) -> None:
        self.parts.append((self.inside, data))


@given(st.text(alphabet=st.sampled_from(["a", " ", "<", ">", "&", '"', MARK_OPEN, MARK_CLOSE])
               | st.characters()))
def test_any_snippet_reads_back_as_its_text(snippet: str) -> None:
    reader = _Marks()
    reader.feed(str(marked(snippet)))
    reader.close()
    plain = snippet.replace(MARK_CLOSE, MARK_OPEN).split(MARK_OPEN)
    # Only <mark> is made, and between the signs, every second part is marked.
    assert set(reader.tags) <= {"mark"}
    assert "".join(text for _, text in reader.parts) == "".join(plain)
    assert "".join(text for inside, text in reader.parts if inside) == "".join(plain[1::2])
