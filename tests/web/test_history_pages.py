"""The pages of a period (chronology, network, digest) from the history API, and what the
reader takes from it: backlinks, resolved references, printed pages in the margin."""

from __future__ import annotations

import re

from starlette.testclient import TestClient
from web_fixtures import V06

PERIOD = "from=1961-01-01&to=1961-02-28"


def test_chronology_lists_documents_by_day_with_times_and_counts(linked: TestClient) -> None:
    data = linked.get(f"/chronology.json?{PERIOD}").json()
    assert data["total"] == 4 and not data["truncated"]
    assert [d["date"] for d in data["days"]] == ["1961-01-21", "1961-01-29", "1961-02-02"]
    first = data["days"][0]["documents"][0]
    assert (first["id"], first["time"], first["url"]) == (
        "frus-mini/d1", "18:34", "/documents/frus-mini/d1")
    # frus-mini/d3 is undated: the chronology places it by its neighbours, and says so.
    inferred = [d["id"] for day in data["days"] for d in day["documents"] if d["inferred"]]
    assert inferred == ["frus-mini/d3"]
    html = linked.get(f"/chronology?{PERIOD}").text
    assert '<span class="time">18:34</span>' in html
    assert "<em>" in html  # the inferred day shown as such


def test_network_draws_the_correspondents_by_force(linked: TestClient) -> None:
    data = linked.get(f"/network.json?{PERIOD}").json()
    assert data["by"] == "post" and data["documents"] == 2
    assert {(e["from"], e["to"]) for e in data["edges"]} == {
        ("Chairman Khrushchev and Brezhnev", "President Kennedy"),
        ("Department of State", "Embassy in the Soviet Union")}
    html = linked.get(f"/network?{PERIOD}").text
    assert html.count("<circle") == 4 and html.count("<line") == 2
    spots = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', html)
    assert len(set(spots)) == 4  # four places, inside the drawing
    assert all(0 < float(v) < 600 for xy in spots for v in xy)
    assert html == linked.get(f"/network?{PERIOD}").text  # the same drawing every time
    assert linked.get(f"/network.json?{PERIOD}&by=person").json()["by"] == "person"
    assert linked.get(f"/network.json?{PERIOD}&by=mood").status_code == 400


def test_digest_links_its_sentences_and_items_to_their_documents(linked: TestClient) -> None:
    data = linked.get(f"/digest.json?{PERIOD}").json()
    assert data["title"] == "January 1 - February 28, 1961"
    assert [i["url"] for i in data["items"]][:2] == ["/documents/frus-mini/d1",
                                                      "/documents/frus-mini/d2"]
    sentence = data["sections"][0]["sentences"][0]
    assert sentence["url"] == f"/documents/{sentence['id']}"
    html = linked.get(f"/digest?{PERIOD}").text
    assert f'<a class="ref" href="{sentence["url"]}">' in html


def test_reader_links_resolved_references_only(linked: TestClient) -> None:
    html = linked.get("/documents/frus-mini/d1").text
    assert '<a class="ref" href="/documents/frus-mini/d2">Document 2</a>' in html
    # Cited, and not in the archive: shown as text.
    assert "vol. X, Part 1, Document 45" in html
    assert 'href="/documents/frus1958-60v10p1/d45"' not in html


def test_reader_lists_backlinks_from_the_history(linked: TestClient) -> None:
    data = linked.get("/documents/frus-mini/d2.json").json()
    assert data["cited_by"] == [{"id": "frus-mini/d1", "text": "Document 2", "where": "text",
                                 "url": "/documents/frus-mini/d1"}]


def test_reader_shows_printed_pages_in_the_margin(client: TestClient) -> None:
    html = client.get(f"/documents/{V06}/d65").text
    body = html[html.index('<div class="body">'):]
    paras = body[:body.index("</div>")].split("<p>")[1:]
    # [["411"], ["411", "412"], ["412"]]: each page shown once, where it begins.
    assert ['aria-label="printed page 411"' in p for p in paras] == [True, False, False]
    assert ['aria-label="printed page 412"' in p for p in paras] == [False, True, False]
    assert client.get(f"/documents/{V06}/d66").text.count('class="page-no"') == 0


def test_margin_pages_follow_the_shown_paragraphs() -> None:
    from cablegram.record import Record
    from cablegram.web.views import margin_pages

    def record(text: str, pages: object) -> Record:
        return Record(id="v/d1", collection="v", text=text,
                      extra={"paragraph_pages": pages})

    # The empty paragraph is not shown: nor is its margin; a page is shown once.
    assert margin_pages(record("a\n\n\n\nb\n\nc", [["1"], [], ["1", "2"], ["2"]])) == [
        ["1"], ["2"], []]
    assert margin_pages(record("a\n\nb", [["1"]])) == []  # pages of other paragraphs
    assert margin_pages(record("a", "p. 1")) == []
    assert margin_pages(record("a", [7])) == [[]]  # not a list of pages: nothing shown


def test_the_network_layout_spreads_a_cluster_and_keeps_a_margin() -> None:
    from itertools import pairwise

    from cablegram.web.history_views import SVG_SIZE, layout

    # A star of ten and one lone pair: force puts the pair far off and packs the star.
    names = ["hub", *[f"s{i}" for i in range(10)], "a", "b"]
    edges = [("hub", f"s{i}", 1) for i in range(10)] + [("a", "b", 1)]
    pos = layout(names, edges)
    assert set(pos) == set(names) and layout([], []) == {}
    xs = sorted(x for x, _ in pos.values())
    ys = sorted(y for _, y in pos.values())
    assert xs[0] == ys[0] == 40 and xs[-1] == ys[-1] == SVG_SIZE - 40
    # Half of each axis goes by rank: no two nodes closer than half an even share.
    step = (SVG_SIZE - 80) / (len(names) - 1) / 2
    assert all(b - a >= step * 0.99 for a, b in pairwise(xs))
    assert all(b - a >= step * 0.99 for a, b in pairwise(ys))


def test_a_phone_shows_the_busiest_labels_only() -> None:
    from cablegram.web.app import _environment
    from cablegram.web.history_views import NETWORK_LABELS_NARROW, layout

    names = [f"Post {i}" for i in range(NETWORK_LABELS_NARROW + 3)]  # busiest first
    nodes = [{"name": n, "documents": 20 - i, "url": "/search"} for i, n in enumerate(names)]
    edges = [{"from": names[0], "to": n, "documents": 1} for n in names[1:]]
    data = {"from": "1962-10-01", "to": "1962-10-31", "by": "post", "nodes": nodes,
            "edges": edges, "documents": 14, "correspondents": 15}
    html = _environment().get_template("network.html").render(
        data=data, title="Network", json_url="/network.json", labels_narrow=NETWORK_LABELS_NARROW,
        layout=layout(names, [(e["from"], e["to"], 1) for e in edges]))
    labels = re.findall(r'<text( class="minor")? [^>]*>([^<]*)</text>', html)
    assert [name for _, name in labels] == names
    assert [name for minor, name in labels if minor] == names[NETWORK_LABELS_NARROW:]
