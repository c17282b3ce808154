"""Bad requests get a 4xx with a JSON error (on the JSON twin) and the app keeps serving."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient
from web_fixtures import V06

BAD = [
    ("/search.json?q=berlin&offset=-1", 400, "offset"),
    ("/search.json?q=berlin&offset=abc", 400, "offset"),
    ("/search.json?q=berlin&offset=1e5", 400, "offset"),
    ("/search.json?q=berlin&limit=-5", 400, "limit"),
    ("/search.json?q=berlin&limit=1000000000000", 400, "limit"),
    ("/search.json?q=berlin&offset=" + "9" * 4001, 400, "offset"),
    ("/search.json?q=berlin&sort=sideways", 400, "sort"),
    ("/search.json?q=berlin&bogus=1", 400, "bogus"),
    ("/search.json?q=berlin&q=cuba", 400, "q"),
    ("/search.json?q=berlin&format=xml", 400, "format"),
    ("/people.json?offset=x", 400, "offset"),
    ("/chronology.json?from=1962-13-45", 400, "from"),
    ("/chronology.json?from=1962-10-30&to=1962-10-01", 400, "to"),
    ("/chronology.json?from=1900-01-01&to=1990-01-01", 400, "to"),
    ("/network.json?to=yesterday", 400, "to"),
    ("/index.json?x=1", 400, "x"),
    (f"/documents/{V06}/d65.json?cite=1", 400, "cite"),
    (f"/documents/{V06}/d65.bib?x=1", 400, "x"),
    ("/collections/%3Cscript%3E.json", 400, "collection"),
    ("/items/CDNW%20%27x.json", 400, "item"),
    ("/people/%22%3E%3Cimg.json", 400, "person"),
    (f"/documents/{V06}/d%00.json", 400, "document"),
]


@pytest.mark.parametrize(("url", "status", "parameter"), BAD)
def test_bad_request_is_a_4xx_with_a_json_error(client: TestClient, url: str, status: int,
                                                 parameter: str) -> None:
    res = client.get(url)
    assert res.status_code == status, res.text
    error = res.json()["error"]
    assert error["status"] == status and error["kind"] == "parameter"
    assert error["parameter"] == parameter and error["message"]
    # The same worker answers the next request.
    assert client.get("/search.json?q=khrushchev").json()["total"] == 2


def _asgi_get(client: TestClient, path: str, query: bytes) -> tuple[int, bytes]:
    """One GET straight through the ASGI app: HTTP clients refuse URLs over 64 KB."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": query, "headers": [(b"host", b"testserver")],
             "client": ("127.0.0.1", 1), "server": ("testserver", 80), "root_path": ""}
    # On the client's event loop thread, where the app opened its archive.
    assert client.portal is not None
    client.portal.call(client.app, scope, receive, send)
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], body


def test_a_100_kb_query_is_a_query_error(client: TestClient) -> None:
    query = ("q=" + "berlin+" * 15_000).encode()
    assert len(query) > 100_000
    status, body = _asgi_get(client, "/search.json", query)
    assert status == 400
    error = json.loads(body)["error"]
    assert error["kind"] == "query" and error["position"] == 4096
    status, body = _asgi_get(client, "/search", query)
    assert status == 400 and b"Query error at position 4096" in body
    assert client.get("/search.json?q=khrushchev").json()["total"] == 2


@pytest.mark.parametrize("url", ["/documents/frus1961-63v06/d999.json",
                                 "/documents/nowhere/d1.json", "/items/CDNW1.json",
                                 "/collections/nowhere.json", "/people/nowhere:p_X.json",
                                 "/people/nocolon.json", "/nothing/here.json"])
def test_unknown_ids_are_404_with_a_json_error(client: TestClient, url: str) -> None:
    res = client.get(url)
    assert res.status_code == 404
    assert res.json()["error"]["status"] == 404


def test_html_errors_are_pages(client: TestClient) -> None:
    res = client.get("/search?q=berlin&offset=-1")
    assert res.status_code == 400
    assert res.headers["content-type"].startswith("text/html")
    assert "offset: must be a whole number" in res.text
    res = client.get("/documents/frus1961-63v06/d999")
    assert res.status_code == 404 and "no record with id" in res.text


def test_post_is_not_allowed(client: TestClient) -> None:
    res = client.post("/search.json?q=x")
    assert res.status_code == 405
    assert res.json()["error"]["status"] == 405


def test_a_period_at_the_ends_of_the_calendar(client: TestClient) -> None:
    # Found by schemathesis: the default week before 0001-01-01 overflowed (a 500).
    for query, period in (("to=0001-01-01", ("0001-01-01", "0001-01-01")),
                          ("from=9999-12-31", ("9999-12-31", "9999-12-31"))):
        r = client.get(f"/network.json?{query}")
        assert r.status_code == 200, r.text
        assert (r.json()["from"], r.json()["to"]) == period
