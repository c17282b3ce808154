"""history.state.gov document pages saved as HTML (layout "hsg-html").

The site renders FRUS TEI with the rules of its hsg-shell application: a note mark is
`<a class="note" rel="footnote" href="#fn:…">N</a>`, each note a list item
`<li class="footnote" value="N"><span class="fn-content">…</span><a class="fn-back">↩</a>`,
a page break a link reading "[Page N]", a person `<a href="persons#p_…">`, and the page's
address `<link rel="canonical">` (or `og:url`). The page becomes lines with the marks
already written "/n/", then goes through `readers.hsg_page` as a copied page does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree, html

from cablegram.errors import ReadError
from cablegram.readers.hsg_layout import PageLine
from cablegram.readers.hsg_page import read_page
from cablegram.readers.html import BLOCK_TAGS, DROP_TAGS, MAX_HTML_BYTES, NOTE_MARK
from cablegram.readers.text_io import DecodeReport, decode_line
from cablegram.record import Batch, Mention, PersonLink

# The generic reader's block tags, less the site chrome that never holds the document:
# here it is dropped with its content.
_CHROME = frozenset({"header", "footer", "aside"})
_BLOCKS = BLOCK_TAGS - _CHROME
_DROP = DROP_TAGS | _CHROME
_DIGITS = NOTE_MARK
_PAGE = re.compile(r"^\s*\[Page\s+(\S+)\]\s*$")
_PERSON = re.compile(r"persons#(p_[\w.-]+)")


def _classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").split())


@dataclass(slots=True)
class HtmlPage:
    """A saved page as lines, its address, and the persons its links name."""

    lines: list[PageLine] = field(default_factory=list)
    url: str | None = None
    persons: dict[str, str] = field(default_factory=dict)  # name -> the volume's person id
    # The site's note markup was seen: marks are "/n/" already. A repost of copied text
    # in another site's HTML has its numbers glued, to be split as in hsg-text.
    marked: bool = False


class HsgHtmlReader:
    """Reader "hsg-html": a history.state.gov page saved by a browser."""

    name = "hsg-html"

    def __init__(self, collection: str | None = None) -> None:
        self.collection = collection

    def detect(self, head: bytes, path: Path) -> bool:
        low = head[:65536].lower()
        if b"http://www.tei-c.org/ns/1.0" in low or not (b"<html" in low or b"<!doctype" in low):
            return False
        # The site's address, or the classes and links of its rendering rules.
        return any(sign in low for sign in (b"history.state.gov", b'rel="footnote"',
                                            b"fn-back", b'class="tei-', b"persons#p_"))

    def read(self, path: Path) -> Iterator[Batch]:
        try:
            size = path.stat().st_size
            if size > MAX_HTML_BYTES:
                raise ReadError(path, f"an HTML page of {size >> 20} MiB: too large to be one")
            raw = path.read_bytes()
        except OSError as e:
            raise ReadError(path, f"cannot read: {e}") from None
        report = DecodeReport()
        text = decode_line(raw, 1, report)
        page = parse_page(text, path)
        # A saved page cut off loses its end: the parser would close its elements silently.
        whole = "</html>" in text[-4096:].lower()
        batch = read_page(page.lines, path, fmt=self.name, collection=self.collection,
                          url=page.url, explicit_marks=page.marked, whole=whole)
        if report.bad_lines:
            batch.warnings.insert(0, "not valid UTF-8; stray bytes were read as cp1252")
        for rec in batch.records:
            rec.persons = _person_links(rec.text, page.persons)
        yield batch


def _person_links(text: str, persons: dict[str, str]) -> list[PersonLink]:
    links: list[PersonLink] = []
    for name, vid in persons.items():
        mentions = [Mention(name, m.start(), m.end())
                    for m in re.finditer(re.escape(name), text)]
        if mentions:
            links.append(PersonLink(id=None, name=name, mentions=mentions, how="markup",
                                    volume_id=vid))
    return links


def parse_page(text: str, path: Path) -> HtmlPage:
    """The page's lines (marks as "/n/", notes as "N. …↩"), its URL and persons."""
    if not text.strip():
        raise ReadError(path, "the file is empty")
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                             encoding="utf-8")
    try:
        root = html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise ReadError(path, f"not readable as HTML: {e}") from None
    page = HtmlPage()
    for xpath in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        found = root.xpath(xpath)
        if isinstance(found, list) and found and str(found[0]).strip():
            page.url = str(found[0]).strip()
            break
    _Walker(page).run(root)
    return page


class _Walker:
    """Block elements become lines; the site's marks, notes and page breaks their text form."""

    def __init__(self, page: HtmlPage) -> None:
        self.page = page
        self.buf: list[str] = []
        self.line = 0

    def run(self, root: etree._Element) -> None:
        self.walk(root)
        self.flush()

    def flush(self) -> None:
        joined = re.sub(r"\s+", " ", "".join(self.buf)).strip()
        if joined:
            self.line += 1
            self.page.lines.append(PageLine(self.line, joined))
        self.buf.clear()

    def walk(self, el: etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _DROP:
            self.tail(el)
            return
        cls = _classes(el)
        inner = "".join(str(t) for t in el.itertext())
        if tag == "li" and "footnote" in cls:
            self.note(el)
        elif tag in ("a", "sup") and (_DIGITS.match(inner)) and (
            "note" in cls or el.get("rel") == "footnote" or tag == "sup"
        ):
            m = _DIGITS.match(inner)
            assert m is not None
            self.buf.append(f"/{m.group(1)}/")
            self.page.marked = True
        elif tag == "a" and _PAGE.match(inner):
            self.buf.append(f" {inner.strip()} ")
        else:
            href = (el.get("href") or "") if tag == "a" else ""
            person = _PERSON.search(href) if href else None
            if person and inner.strip():
                self.page.persons.setdefault(" ".join(inner.split()), person.group(1))
            block = tag in _BLOCKS
            if block:
                self.flush()
            if el.text:
                self.buf.append(el.text)
            for child in el:
                self.walk(child)
            if block:
                self.flush()
        self.tail(el)

    def tail(self, el: etree._Element) -> None:
        if el.tail:
            self.buf.append(el.tail)

    def note(self, el: etree._Element) -> None:
        """A note of the notes list: "N. text↩", its paragraphs joined by blank lines."""
        self.flush()
        self.page.marked = True
        n = (el.get("value") or "").strip()
        parts: list[str] = []
        sub = _Walker(HtmlPage(persons=self.page.persons))
        for child in el:
            if "fn-back" in _classes(child):
                continue
            sub.walk(child)
        if el.text:
            sub.buf.insert(0, el.text)
        sub.flush()
        parts = [ln.text for ln in sub.page.lines]
        if not parts:
            return
        text = "\n\n".join(parts)
        self.line += 1
        self.page.lines.append(PageLine(self.line, f"{n}. {text}↩" if n.isdigit() else
                                        f"- {text}↩"))
