"""The real pages in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

`cablegram serve` is started on a free port of 127.0.0.1 over the web_fixtures archive. The
tests search, pick a facet, open a document, follow a note and a cross-reference, copy a
citation; check that payloads never run, that nothing overflows at 390 px and 1280 px, and
that axe-core finds no serious or critical violation. A screenshot of each page is saved in
tests/web/screenshots/ (git ignores it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_fixtures import V06, build_archive, build_linked_archive, serving

CHROMIUM = Path("/usr/bin/chromium")
HERE = Path(__file__).parent
SHOTS = HERE / "screenshots"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
IN_CI = os.environ.get("CI") == "true"

pytestmark = [
    pytest.mark.browser, pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists() and not IN_CI,
                       reason="no /usr/bin/chromium (apt-get install chromium); CI must run"),
]

PAGES = {
    "home": "/", "collection": f"/collections/{V06}", "document": f"/documents/{V06}/d65",
    "item": "/items/CDNW12467", "search": "/search?q=khrushchev", "people": "/people",
    "person": f"/people/{V06}:p_RD1", "chronology": "/chronology?from=1962-10-20&to=1962-11-30",
    "network": "/network?from=1962-10-01&to=1962-11-30",
    "digest": "/digest?from=1962-11-15&to=1962-11-22", "query-error": "/search?q=berlin+(",
    "payload": "/documents/frus-xss/d1", "register-person": "/people/100002",
    "timeline": "/chronology?from=1961-01-01&to=1961-02-28",
    "correspondents": "/network?from=1961-01-01&to=1961-02-28",
    "linked-document": "/documents/frus-mini/d1",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    # The web archive, and frus-mini linked to a small register (the person pages).
    db = build_linked_archive(folder, build_archive(folder / "web.db"))
    with serving(db, folder / "serve.log", timeout=30) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    context = browser.new_context(  # type: ignore[attr-defined]
        base_url=server, viewport={"width": 1280, "height": 900},
        permissions=["clipboard-read", "clipboard-write"])
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))
    yield pg
    context.close()
    assert errors == [], errors


def _shot(page: object, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_search_facet_document_note_reference_citation(page: object) -> None:
    pg = page
    pg.goto("/")  # type: ignore[attr-defined]
    # One volume: the archive also holds frus-mini (the person pages), which names him too.
    pg.fill("#quick-q", f"khrushchev collection:{V06}")  # type: ignore[attr-defined]
    pg.press("#quick-q", "Enter")  # type: ignore[attr-defined]
    pg.wait_for_url(f"**/search?q=khrushchev+collection%3A{V06}")  # type: ignore[attr-defined]
    assert "2 documents" in pg.text_content(".total")  # type: ignore[attr-defined]
    _shot(pg, "flow-1-search")
    # Pick a facet: from "Chairman Khrushchev".
    pg.click(".facets a:text('Chairman Khrushchev')")  # type: ignore[attr-defined]
    pg.wait_for_url("**from%3A%22Chairman+Khrushchev%22*")  # type: ignore[attr-defined]
    assert "1 document" in pg.text_content(".total")  # type: ignore[attr-defined]
    _shot(pg, "flow-2-facet")
    # Open the document.
    pg.click(".hits a")  # type: ignore[attr-defined]
    pg.wait_for_url(f"**/documents/{V06}/d65")  # type: ignore[attr-defined]
    # A note: its popover shows on focus, its link leads to the note.
    pg.focus("#fnref1")  # type: ignore[attr-defined]
    assert pg.is_visible("#pop1")  # type: ignore[attr-defined]
    _shot(pg, "flow-3-note-popover")
    pg.click("#fnref1")  # type: ignore[attr-defined]
    pg.wait_for_url("**#fn1")  # type: ignore[attr-defined]
    # The cross-reference in that note.
    pg.click("#fn1 a.ref")  # type: ignore[attr-defined]
    pg.wait_for_url(f"**/documents/{V06}/d66")  # type: ignore[attr-defined]
    assert "Letter From President Kennedy" in pg.text_content("h1")  # type: ignore[attr-defined]
    # Copy the citation.
    pg.click("button.copy")  # type: ignore[attr-defined]
    pg.wait_for_selector(".copied:text('Copied.')")  # type: ignore[attr-defined]
    copied = pg.evaluate("navigator.clipboard.readText()")  # type: ignore[attr-defined]
    assert copied.startswith("“Letter From President Kennedy to Chairman Khrushchev,”")
    assert copied.endswith("frus1961-63v06/d66.")
    _shot(pg, "flow-4-cited")


def test_histogram_brush_filters_by_date(page: object) -> None:
    pg = page
    pg.goto("/search?q=NOT+zzzz")  # type: ignore[attr-defined]
    box = pg.locator(".histogram svg").bounding_box()  # type: ignore[attr-defined]
    pg.mouse.move(box["x"] + 5, box["y"] + box["height"] / 2)  # type: ignore[attr-defined]
    pg.mouse.down()  # type: ignore[attr-defined]
    pg.mouse.move(box["x"] + box["width"] - 5, box["y"] + 20)  # type: ignore[attr-defined]
    pg.mouse.up()  # type: ignore[attr-defined]
    # Across every bar: the documents of 1961 (frus-mini) and 1962.
    pg.wait_for_url("**date%3A1961..1962*")  # type: ignore[attr-defined]
    assert pg.input_value("#q") == "NOT zzzz date:1961..1962"  # type: ignore[attr-defined]


def test_payloads_never_run(page: object) -> None:
    pg = page
    for url in ("/documents/frus-xss/d1", "/collections/frus-xss", "/search?q=berlin",
                "/search?q=%3Cscript%3Ewindow.__pwned%3D3%3C%2Fscript%3E+(",
                "/search?q=from%3A+%22%3E%3Cimg+src%3Dx+onerror%3D%22window.__pwned%3D4%22%3E"):
        pg.goto(url)  # type: ignore[attr-defined]
        pg.wait_for_load_state("load")  # type: ignore[attr-defined]
        assert pg.evaluate("window.__pwned === undefined"), url  # type: ignore[attr-defined]
        assert pg.locator("img[src=x]").count() == 0  # type: ignore[attr-defined]
    pg.goto("/documents/frus-xss/d1")  # type: ignore[attr-defined]
    # Shown as text.
    assert "<script>window.__pwned = 1</script>" in pg.text_content("h1")  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_fits_and_is_saved(page: object, width: int) -> None:
    pg = page
    pg.set_viewport_size({"width": width, "height": 900})  # type: ignore[attr-defined]
    for name, url in PAGES.items():
        pg.goto(url)  # type: ignore[attr-defined]
        overflow = pg.evaluate(  # type: ignore[attr-defined]
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} at {width}px overflows by {overflow}px"
        _shot(pg, f"{name}-{width}")


@pytest.mark.skipif(not AXE.exists() and not IN_CI,
                    reason="axe-core not installed (npm install --prefix tests/web axe-core)")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation(page: object, scheme: str) -> None:
    pg = page
    pg.emulate_media(color_scheme=scheme)  # type: ignore[attr-defined]
    script = AXE.read_text(encoding="utf-8")
    found = {}
    for name, url in PAGES.items():
        pg.goto(url)  # type: ignore[attr-defined]
        pg.add_script_tag(content=script)  # type: ignore[attr-defined]
        result = pg.evaluate("axe.run(document)")  # type: ignore[attr-defined]
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
        if bad:
            found[name] = bad
    assert found == {}
