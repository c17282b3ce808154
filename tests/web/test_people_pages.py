"""Person pages from the register (`/people/{register id}`) and the reader's linked persons,
over frus-mini read with a small people register and pocom (tests/people's fixture)."""

from __future__ import annotations

from starlette.testclient import TestClient


def test_register_person_page_has_names_roles_documents_and_co_mentions(
        linked: TestClient) -> None:
    data = linked.get("/people/100002.json").json()
    assert data["name"] == "Khrushchev, Nikita Sergeyevich"
    assert data["names"] == ["Khrushchev, Nikita Sergeyevich", "Khrushchev, Nikita S."]
    assert data["sent"]["total"] == 1
    assert [d["url"] for d in data["sent"]["documents"]] == ["/documents/frus-mini/d2"]
    assert [d["id"] for d in data["mentioned"]["documents"]] == ["frus-mini/d1"]
    assert data["mentioned"]["more_url"] == "/search?q=person%3A100002&sort=date"
    assert data["co_mentioned"] == [{"id": "100001", "name": "Rusk, Dean", "documents": 1,
                                     "url": "/people/100001"}]
    html = linked.get("/people/100002").text
    assert '<a href="/documents/frus-mini/d2">' in html
    assert '<a href="/people/100001">Rusk, Dean</a>' in html


def test_roles_over_time_come_from_pocom(linked: TestClient) -> None:
    data = linked.get("/people/107327.json").json()
    assert data["appointments"] == [{"role": "ambassador-extraordinary-and-plenipotentiary",
                                     "post": "russia", "start": "1962-09-27",
                                     "end": "1966-11-14"}]
    html = linked.get("/people/107327").text
    assert "<td>Ambassador extraordinary and plenipotentiary</td><td>Russia</td>" in html
    assert "September 27, 1962" in html


def test_an_unknown_register_id_is_a_404(linked: TestClient, client: TestClient) -> None:
    r = linked.get("/people/999999.json")
    assert r.status_code == 404 and r.json()["error"]["kind"] == "not-found"
    # An archive stored without a register has no register persons at all.
    r = client.get("/people/107327.json")
    assert r.status_code == 404 and r.json()["error"]["id"] == "107327"


def test_reader_links_persons_to_their_register_pages(linked: TestClient) -> None:
    html = linked.get("/documents/frus-mini/d1").text
    assert '<a class="person" href="/people/100002">Khrushchev</a>' in html
    assert '<a class="person" href="/people/100001">Rusk</a>' in html


def test_search_persons_facet_names_the_register_person(linked: TestClient) -> None:
    facet = linked.get("/search.json?q=khrushchev").json()["facets"]["persons"]
    assert facet[0] == {"value": "100002", "count": 2,
                        "label": "Khrushchev, Nikita Sergeyevich",
                        "url": "/search?q=khrushchev+person%3A100002", "selected": False}
    assert ">Khrushchev, Nikita Sergeyevich</a>" in linked.get("/search?q=khrushchev").text
