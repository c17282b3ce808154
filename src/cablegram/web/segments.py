"""A document's paragraphs of segments (`body.paragraphs`) as HTML, every text escaped.

Plain Python rather than a Jinja macro: a document page prints a few hundred segments,
and a macro call per paragraph with a branch per segment was a third of the page's
rendering time (docs/web.md, "Speed").
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from cablegram.web.body import Segment
from cablegram.web.urls import record_url


def _segment(s: Segment) -> str:
    text = escape(s.text)
    if s.kind == "br":
        return "<br>"
    if s.kind == "person":
        if s.target:
            return f'<a class="person" href="/people/{escape(s.target)}">{text}</a>'
        return f'<span class="person">{text}</span>'
    if s.kind == "term":
        return f'<abbr class="term" title="{escape(s.note)}" tabindex="0">{text}</abbr>'
    if s.kind == "redaction":
        title = f"Not declassified: {s.note}" if s.note else "Not declassified"
        return f'<span class="redaction" title="{escape(title)}">{text}</span>'
    if s.kind == "reference":
        return f'<a class="ref" href="{escape(record_url(s.target or ""))}">{text}</a>'
    return text


def _margin(pages: Sequence[str]) -> str:
    spans = "".join(f'<span aria-label="printed page {n}">p. {n}</span>'
                    for n in map(escape, pages))
    return f'<span class="page-no">{spans}</span>'


def segments_html(paras: Sequence[Sequence[Segment]], tag: str = "p",
                  margin: Sequence[Sequence[str]] = ()) -> Markup:
    """Each paragraph in a `tag` element, its printed pages (`margin`, by paragraph) first."""
    out = []
    for i, para in enumerate(paras):
        pages = margin[i] if i < len(margin) else None
        out.append(f"<{tag}>{_margin(pages) if pages else ''}"
                   f"{''.join(map(_segment, para))}</{tag}>\n")
    return Markup("".join(out))
