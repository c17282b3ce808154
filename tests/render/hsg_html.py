"""Layout 2: a history.state.gov document page as a browser saves it (HTML).

The markup follows hsg-shell's rendering rules (HistoryAtState/hsg-shell,
`modules/ext-html.xql` and `resources/odd/source/frus.odd`): the heading in a `tei-head`
element carrying the source note's mark `<a class="note" rel="footnote">`, the dateline,
paragraphs with marks, "[Page N]" page-break links and persons links (`persons#p_…`), the
notes as `<li class="footnote" value="N">…<a class="fn-back">↩</a></li>`; the page's
address in `<link rel="canonical">` or `og:url` (or only in the file name); site header,
breadcrumbs, sidebar and footer around it. One chapter per volume is one page.
"""

from __future__ import annotations

from html import escape

from cablegram.record import Collection, Record
from render._hsg_common import (
    SITE,
    Doc,
    PageCounter,
    Para,
    build_doc,
    chapter_run,
    volume_line,
)

LAYOUT = "hsg-html"


def _mark(doc: Doc, n: str) -> str:
    ref = f"{doc.number}_{n}"
    return (f'<span id="fnref:{ref}"><a class="note" rel="footnote" href="#fn:{ref}">{n}</a>'
            "</span>")


def _para_html(doc: Doc, para: Para, persons: dict[str, str]) -> str:
    inserts: list[tuple[int, int, str]] = [(m.pos, 1, _mark(doc, m.n)) for m in para.marks]
    inserts += [(pos, 0, f' <a class="tei-pb" id="pg_{p}" href="#pg_{p}">[Page {p}]</a> ')
                for pos, p in para.pages]
    taken = sorted(pos for pos, _, _ in inserts)
    for name, vid in persons.items():
        start = para.text.find(name)
        if start < 0 or any(start <= pos <= start + len(name) for pos in taken):
            continue
        inserts.append((start, 2, f'<a href="persons#{vid}" class="tei-persName">'))
        inserts.append((start + len(name), -1, "</a>"))
        taken += [start, start + len(name)]
    out: list[str] = []
    last = 0
    for pos, _, tag in sorted(inserts, key=lambda x: (x[0], x[1])):
        out.append(escape(para.text[last:pos], quote=False))
        out.append(tag)
        last = pos
    out.append(escape(para.text[last:], quote=False))
    return f'<p class="tei-p">{"".join(out)}</p>'


def _doc_html(doc: Doc, persons: dict[str, str]) -> list[str]:
    mark = _mark(doc, doc.source_mark) if doc.source_mark is not None else ""
    out = [f'<div class="tei-div" id="d{doc.number}">',
           f'<h3 class="tei-head">{escape(f"{doc.number}. {doc.title}")}{mark}</h3>']
    if doc.dateline:
        out.append(f'<div class="tei-dateline">{escape(doc.dateline)}</div>')
    out += [_para_html(doc, p, persons) for p in doc.paras]
    if doc.notes:
        out.append('<div class="footnotes"><ol>')
        for n, text in doc.notes:
            ref = f"{doc.number}_{n}"
            body = "".join(f"<p>{escape(part)}</p>" for part in text.split("\n\n"))
            out.append(f'<li class="footnote" id="fn:{ref}" value="{n}">'
                       f'<span class="fn-content">{body}</span>'
                       f'<a class="fn-back" href="#fnref:{ref}">↩</a></li>')
        out.append("</ol></div>")
    out.append("</div>")
    return out


def _page(collection: Collection, label: str, url: str | None, how: int,
          body: list[str]) -> str:
    head = ['<meta charset="utf-8">',
            "<title>Historical Documents - Office of the Historian</title>"]
    if url and how == 0:
        head.append(f'<link rel="canonical" href="{url}">')
    if url and how == 1:
        head.append(f'<meta property="og:url" content="{url}">')
    vol = escape(volume_line(collection))
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", *head, "</head>", "<body>",
        '<header><a href="/">Office of the Historian</a><nav><ul><li><a href="/">Home</a>'
        '</li><li><a href="/historicaldocuments">Historical Documents</a></li></ul></nav>'
        "</header>",
        f'<ol class="hsg-breadcrumb"><li>Home</li><li>{vol}</li><li>{escape(label)}</li></ol>',
        f'<main id="content"><h2 class="hsg-volume">{vol}</h2>', *body, "</main>",
        '<aside class="hsg-sidebar"><h4>Persons</h4><h4>Abbreviations &amp; Terms</h4>'
        "</aside>",
        "<footer><p>Office of the Historian, Bureau of Public Affairs</p>"
        "<p>United States Department of State</p><p>history@state.gov</p></footer>",
        "</body>", "</html>", "",
    ])


def _persons(rec: Record) -> dict[str, str]:
    return {m.text: p.volume_id for p in rec.persons if p.volume_id for m in p.mentions[:1]}


def render(collection: Collection, records: list[Record]) -> list[tuple[str, str]]:
    """One page per document; the documents of one chapter on one page."""
    pages = PageCounter()
    chapter = {id(r) for r in chapter_run(records)}
    out: list[tuple[str, str]] = []
    chapter_body: list[str] = []
    first = ""
    for i, rec in enumerate(records):
        doc = build_doc(collection, rec, pages)
        body = _doc_html(doc, _persons(rec))
        if id(rec) in chapter:
            first = first or doc.number
            chapter_body += body
            continue
        how = i % 3  # canonical link, og:url, or only the file name names the page
        tail = doc.url.rsplit("/", 1)[-1]  # the site's id of the document: "d302a"
        name = f"{collection.id}_{tail}.html" if how == 2 else f"{tail}.html"
        out.append((name, _page(collection, f"Document {doc.number}", doc.url, how, body)))
    if chapter_body:
        url = f"{SITE}/{collection.id}/ch-{first}"
        out.append((f"chapter-{first}.html", _page(collection, "Chapter", url, 0, chapter_body)))
    return out
