"""User and document text never reaches HTML unescaped: payloads are shown as text.

The browser tests (test_browser.py) load the same pages and check that nothing ran.
"""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from web_fixtures import ATTR, SCRIPT

PAYLOAD_PAGES = ["/documents/frus-xss/d1", "/collections/frus-xss", "/search?q=berlin",
                 "/chronology?from=1962-10-28&to=1962-10-28", "/"]


def _no_payload(html: str) -> None:
    assert "<script>window.__pwned" not in html
    assert "<img src=x" not in html
    assert 'onerror="window' not in html


@pytest.mark.parametrize("url", PAYLOAD_PAGES)
def test_document_title_and_text_are_escaped(client: TestClient, url: str) -> None:
    res = client.get(url)
    assert res.status_code == 200
    _no_payload(res.text)


def test_payload_is_shown_as_text(client: TestClient) -> None:
    html = client.get("/documents/frus-xss/d1").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=&#34;window.__pwned=2&#34;&gt;" in html


@pytest.mark.parametrize("q", [SCRIPT, ATTR, f"berlin {SCRIPT}", f'"{ATTR}', f"({SCRIPT}"])
def test_query_and_query_error_are_escaped(client: TestClient, q: str) -> None:
    res = client.get("/search", params={"q": q})
    assert res.status_code in (200, 400)
    _no_payload(res.text)


def test_query_error_with_a_payload(client: TestClient) -> None:
    res = client.get("/search", params={"q": f"from: {SCRIPT}"})
    assert res.status_code == 400
    _no_payload(res.text)
    assert "&lt;script&gt;" in res.text
