"""Why a history.state.gov page holds no document: the one line a refusal gives.

A volume's table of contents and a chapter page list document headings (a chapter page
with each document's source note) but no document text; the reader says which of the two
the page is, and how many documents it lists, rather than "format not recognised".
"""

from __future__ import annotations

import re

from cablegram.fields.page_marks import drop_page_marks
from cablegram.readers.hsg_layout import SOURCE_NOTE, PageDoc, PageLine

# The site's addresses: a volume's own page, and a chapter's ("ch4", "comp1", "ch-152").
_VOLUME_URL = re.compile(r"/historicaldocuments/frus[\w-]+/?$")
_CHAPTER_URL = re.compile(r"/historicaldocuments/frus[\w-]+/(?:ch|comp|sec)[\w-]*/?$")
_PAGE_COUNT = re.compile(r"\b\d+\s*pp?\.")
_CONTENTS = re.compile(r"^(?:Table of )?Contents$|^List of Papers$", re.I)


def textless(doc: PageDoc) -> bool:
    """A listed heading: nothing under it but its source note. A microfiche catalog entry
    is all heading too, but is a document: it has a dateline and its page count."""
    if _PAGE_COUNT.search(doc.title):
        return False
    body = [t for ln in doc.body if (t := drop_page_marks(ln.text).text.strip())]
    rest = [t for t in body if not SOURCE_NOTE.match(t)]
    notes = [n for n in doc.notes if not SOURCE_NOTE.match(n.text)]
    return not rest and not notes


def listing_reason(count: int, lines: list[PageLine], url: str | None,
                   sources: bool) -> str:
    """The refusal of a page that lists `count` documents without their text."""
    if _is_contents(lines, url):
        return (f"the page is a volume's table of contents (it lists {count} document headings), "
                "with no document text")
    listed = "documents and their source notes" if sources else "documents"
    return f"the page is a chapter page listing {count} {listed}, with no document text"


def _is_contents(lines: list[PageLine], url: str | None) -> bool:
    if url and _CHAPTER_URL.search(url):
        return False
    if url and _VOLUME_URL.search(url):
        return True
    return any(_CONTENTS.match(ln.text.strip()) for ln in lines)
