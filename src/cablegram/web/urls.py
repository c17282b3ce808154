"""The URL of every thing the site shows: one place, so pages and JSON agree."""

from __future__ import annotations

import re
from urllib.parse import urlencode


def record_url(id: str) -> str:
    """A FRUS-style id ("frus1961-63v06/d66") is a document; a catalog id an item."""
    return f"/documents/{id}" if "/" in id else f"/items/{id}"


def collection_url(id: str) -> str:
    return f"/collections/{id}"


def person_url(id: str) -> str:
    return f"/people/{id}"


def search_url(q: str, **more: object) -> str:
    params = {"q": q, **{k: str(v) for k, v in more.items() if v not in (None, "", 0)}}
    return "/search?" + urlencode(params)


_WORD = re.compile(r"[\w.-]+")


def quoted(value: str) -> str:
    """A field value as the query language takes it: quoted when it has more than a word."""
    if _WORD.fullmatch(value) and "_" not in value:
        return value
    return '"' + value.replace('"', " ") + '"'
