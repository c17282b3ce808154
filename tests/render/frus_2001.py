"""Layout 3: the Department's 2001–2009 web site and its mirrors, several documents a page.

Learnt from real pages (none copied; the chrome below is paraphrased):
- http://nasser.bibalex.org/Data/USDocWeb/HTML/XIV-Soviet%20Union-1964-68/www.state.gov/r/pa/ho/frus/johnsonlb/xiv/1309.htm
  (a mirror of 2001-2009 www.state.gov/r/pa/ho/frus: "Foreign Relations of the United
  States 1964-1968, Volume XIV", "Released by the Office of the Historian", a chapter title,
  "67. Message From … to President Johnson/1/", the dateline, then "/1/Source: …")
- https://webarchive.library.unt.edu/eot2008/20090506233517/http:/www.state.gov/www/about_state/history/vol_xxxiv/sources.html
  (the older www.state.gov/www/about_state/history pages: an archive banner, "1964-1968,
  Volume XXXIV", the volume title, "Department of State", "Washington, DC", "flag bar")
- https://scribd.com/document/335891271/CIA-FOIA-NA-Vietnam-January-August-1968-02-Sources
  (the one-line title "Foreign Relations, 1964-1968, Volume VI, Vietnam, January-August 1968")

A page holds DOCS_PER_PAGE documents ("Documents 29-38"). The source note is note 1, cited
by the heading; every note stands right after the paragraph that cites it, "/n/" glued to
the end of that paragraph. Pages alternate between the two sites' chrome.
"""

from __future__ import annotations

from cablegram.export.frus_text import dateline, volume_lines
from cablegram.record import Collection, Record

LAYOUT = "frus-2001"
DOCS_PER_PAGE = 10

_BANNER_1990S = [
    "Great Seal",
    "An archived copy of the Department of State web site as it stood before January 20, "
    "2001; it is no longer updated.",
    "",
    "Links to other sites are not an endorsement.",
]
_BANNER_2001 = [
    "Skip Links",
    "U.S. Department of State",
    "Home | Contact Us | Email this Page | FOIA | Privacy Notice | Archive",
    "Search",
    "[Print Friendly Version]",
]
_FOOTER = [
    "Return to this volume's home page",
    "",
    "This site is managed by the Bureau of Public Affairs, U.S. Department of State.",
]


def _number(rec: Record) -> str:
    return rec.number or rec.id.rsplit("/", 1)[-1].lstrip("d")


def _squash(text: str) -> str:
    return " ".join(text.split())


def page_header(collection: Collection, first: str, last: str, older: bool) -> list[str]:
    """The chrome and title lines above the documents of one page."""
    years, volume, title = volume_lines(collection)
    span = f"Documents {first}-{last}" if first != last else f"Document {first}"
    if older:
        head = ", ".join(s for s in (years, volume) if s)
        return [*_BANNER_1990S, "", head, title, "", "Department of State",
                "Washington, DC", "", "flag bar", "", span]
    one_line = ", ".join(s for s in ("Foreign Relations", years, volume, title) if s)
    return [*_BANNER_2001, "", one_line, "Released by the Office of the Historian", "", span]


def render_document(rec: Record) -> list[str]:
    """One document's paragraphs: heading, dateline, source note, body with notes inline."""
    notes = [_squash(f.text) for f in rec.footnotes]
    source = _squash(rec.source_note or "")
    if source and not source.startswith("Source:"):
        source = f"Source: {source}"
    first_note = 2 if source else 1
    out = [f"{_number(rec)}. {_squash(rec.title) or 'Untitled'}" + ("/1/" if source else "")]
    line = dateline(rec)
    if line:
        out.append(line)
    if source:
        out.append(f"/1/{source}")
    paras = [_squash(p) for p in rec.text.split("\n\n") if p.strip()]
    # Where each note is cited: spread over the paragraphs, in order.
    cited: dict[int, list[int]] = {}
    for j in range(len(notes)):
        at = min(len(paras) - 1, j * len(paras) // len(notes)) if paras else -1
        cited.setdefault(at, []).append(j)
    for j in cited.get(-1, []):
        out.append(f"/{first_note + j}/{notes[j]}")
    for i, para in enumerate(paras):
        here = cited.get(i, [])
        out.append(para + "".join(f"/{first_note + j}/" for j in here))
        out += [f"/{first_note + j}/{notes[j]}" for j in here]
    return out


def render(collection: Collection, records: list[Record]) -> list[tuple[str, str]]:
    pages: list[tuple[str, str]] = []
    for k in range(0, len(records), DOCS_PER_PAGE):
        chunk = records[k : k + DOCS_PER_PAGE]
        first, last = _number(chunk[0]), _number(chunk[-1])
        lines = page_header(collection, first, last, older=(k // DOCS_PER_PAGE) % 2 == 1)
        for rec in chunk:
            lines += ["", *"\n\n".join(render_document(rec)).split("\n")]
        lines += ["", *_FOOTER]
        pages.append((f"page{k // DOCS_PER_PAGE + 1:04d}_{first}-{last}.txt",
                      "\n".join(lines) + "\n"))
    return pages
