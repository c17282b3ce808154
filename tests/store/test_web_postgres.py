"""The web app on a PostgreSQL archive: the same pages and JSON as on SQLite."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from cablegram.archive import Archive
from cablegram.web import create_app

FIXTURES = Path(__file__).parents[1] / "fixtures" / "tei"


def test_the_same_json_on_both_backends(tmp_path: Path, pg_url: str) -> None:
    lite = tmp_path / "a.db"
    for db in (str(lite), pg_url):
        with Archive.open(db) as a:
            assert not a.ingest([FIXTURES / "frus-mini.xml"], read_ahead="off").errors
    with Archive.open(lite) as a:
        first = next(a.records())
    pages = ["/index.json", f"/collections/{first.collection}.json",
             f"/documents/{first.id}.json", "/chronology.json?from=1961-01-01&to=1961-12-31"]
    answers = []
    for db in (lite, pg_url):
        with TestClient(create_app(db)) as client:
            got = [client.get(page) for page in pages]
            assert [r.status_code for r in got] == [200] * len(pages), [r.text for r in got]
            answers.append([r.json() for r in got])
    assert answers[0] == answers[1]
