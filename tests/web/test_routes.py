"""Every route and its JSON twin, on the archive of web_fixtures."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from web_fixtures import V06

PAGES = [
    "/", "/collections/frus1961-63v06", f"/documents/{V06}/d65", "/items/CDNW12467",
    "/search?q=khrushchev", "/people", "/people/frus1961-63v06:p_RD1",
    "/chronology?from=1962-10-20&to=1962-10-30", "/network?from=1962-10-01&to=1962-11-30",
    "/digest?from=1962-11-15&to=1962-11-22",
]


def _twin(url: str) -> str:
    path, _, query = url.partition("?")
    path = "/index" if path == "/" else path
    return f"{path}.json" + (f"?{query}" if query else "")


@pytest.mark.parametrize("url", PAGES)
def test_page_and_its_two_json_twins(client: TestClient, url: str) -> None:
    page = client.get(url)
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    assert 'lang="en"' in page.text
    twin = client.get(_twin(url))
    assert twin.status_code == 200, twin.text
    sep = "&" if "?" in url else "?"
    assert client.get(f"{url}{sep}format=json").json() == twin.json()
    # The page links to its twin.
    assert f'href="{_twin(url).replace("&", "&amp;")}"' in page.text


def test_home_counts_and_chart(client: TestClient) -> None:
    data = client.get("/index.json").json()
    assert data["documents"] == 5
    assert {c["id"]: c["documents"] for c in data["collections"]} == {
        "cdnw": 1, V06: 3, "frus-xss": 1}
    assert data["years"] == [{"year": 1962, "documents": 4,
                              "url": "/search?q=date%3A1962&sort=date"}]
    assert (data["date_from"], data["date_to"]) == ("1962-10-26", "1962-11-20")
    assert "<svg" in client.get("/").text


def test_collection_contents_by_chapter(client: TestClient) -> None:
    data = client.get(f"/collections/{V06}.json").json()
    assert [c["heading"] for c in data["chapters"]] == [
        ["Kennedy-Khrushchev", "October 1962"], ["Kennedy-Khrushchev", "November 1962"]]
    assert [d["id"] for d in data["chapters"][0]["documents"]] == [f"{V06}/d65", f"{V06}/d66"]


def test_document_reader(client: TestClient) -> None:
    data = client.get(f"/documents/{V06}/d66.json").json()
    assert data["neighbours"] == {
        "prev": {"id": f"{V06}/d65", "url": f"/documents/{V06}/d65"},
        "next": {"id": f"{V06}/d67", "url": f"/documents/{V06}/d67"},
        "prev_date": {"id": f"{V06}/d65", "url": f"/documents/{V06}/d65"},
        "next_date": {"id": "frus-xss/d1", "url": "/documents/frus-xss/d1"}}
    assert data["cited_by"] == [{"id": f"{V06}/d65", "text": "Document 66", "where": "text",
                                 "url": f"/documents/{V06}/d65"}]
    html = client.get(f"/documents/{V06}/d65").text
    # Notes numbered, with popovers; the reference in a note linked; person, term, redaction.
    assert 'id="fn1"' in html and 'role="tooltip"' in html
    assert f'<a class="ref" href="/documents/{V06}/d66">Document 66</a>' in html
    assert '<a class="person" href="/people/107516">Rusk</a>' in html
    assert '<abbr class="term" title="Department of State telegram" tabindex="0">Deptel</abbr>' \
        in html
    assert 'title="Not declassified: 1 line"' in html
    assert "<dt>Repository</dt><dd>Department of State</dd>" in html
    assert '<meta name="citation_title" content="Letter From Chairman Khrushchev' in html
    assert '<meta name="DC.date" content="1962-10-26">' in html


def test_item_with_where_it_is_cited(client: TestClient) -> None:
    data = client.get("/items/CDNW12467.json").json()
    assert data["record"]["telegram_number"] == "2711"
    assert data["cited_in"][0]["paragraph"] == 2
    assert data["listed_in"][0]["table"] == 1
    assert "paragraph 2, line 3" in client.get("/items/CDNW12467").text


def test_search_results_facets_and_years(client: TestClient) -> None:
    data = client.get("/search.json?q=khrushchev").json()
    assert data["total"] == 2
    assert [r["url"] for r in data["results"]] == [f"/documents/{r['id']}"
                                                   for r in data["results"]]
    assert {v["value"]: v["count"] for v in data["facets"]["doc_type"]} == {"letter": 2}
    assert data["years"] == [{"year": 1962, "documents": 2,
                              "url": "/search?q=khrushchev+date%3A1962"}]
    link = data["facets"]["from"][0]["url"]
    narrowed = client.get(link.replace("/search?", "/search.json?")).json()
    assert narrowed["total"] == 1


def test_search_paging_has_no_cap(client: TestClient) -> None:
    every = client.get("/search.json?q=NOT+zzzz&limit=2").json()
    assert every["total"] == 5 and len(every["results"]) == 2
    assert every["next_url"] == "/search?q=NOT+zzzz&limit=2&offset=2"
    assert client.get("/search.json?q=NOT+zzzz&offset=4").json()["results"] != []
    assert client.get("/search.json?q=NOT+zzzz&offset=10000000000000").json()["results"] == []


def test_query_error_shown_at_its_position(client: TestClient) -> None:
    res = client.get("/search?q=berlin+AND+(cuba")
    assert res.status_code == 400
    assert "Query error at position 16" in res.text
    body = client.get("/search.json?q=berlin+AND+(cuba").json()
    assert body["error"]["kind"] == "query" and body["error"]["position"] == 16


def test_citation_downloads(client: TestClient) -> None:
    for suffix, media in ((".bib", "application/x-bibtex"),
                          (".ris", "application/x-research-info-systems"),
                          (".csl.json", "application/vnd.citationstyles.csl+json")):
        res = client.get(f"/documents/{V06}/d65{suffix}")
        assert res.status_code == 200
        assert res.headers["content-type"].startswith(media)
        assert "attachment" in res.headers["content-disposition"]


def test_openapi_names_every_twin(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for url in PAGES:
        path = _twin(url).partition("?")[0]
        assert any(_matches(p, path) for p in paths), path


def _matches(template: str, path: str) -> bool:
    import re

    pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
    return re.fullmatch(pattern, path) is not None


def test_static_files_are_vendored(client: TestClient) -> None:
    html = client.get("/").text
    assert "http://" not in html.split("<body>")[0] and "https://" not in html.split("<body>")[0]
    assert client.get("/static/site.css").status_code == 200
    assert client.get("/static/site.js").status_code == 200
