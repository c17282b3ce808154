"""`cablegram search` and `Archive.search`: JSON shape, errors, options."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from search_fixtures import RECORDS, build

from cablegram.archive import Archive
from cablegram.cli import main
from cablegram.search.facets import ALL_FACETS


def _db(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    build(path).close()
    return path


def test_json_shape(tmp_path: Path) -> None:
    db = _db(tmp_path)
    res = CliRunner().invoke(main, ["search", "berlin", "--db", str(db), "--json", "--facets"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert set(out) == {"total", "results", "facets"}
    assert out["total"] == len(out["results"]) > 0
    for r in out["results"]:
        assert set(r) == {"id", "title", "date", "snippet", "score"}
    assert list(out["facets"]) == list(ALL_FACETS)
    # [value, count]; a persons value is [register id, count, name].
    assert all(isinstance(pair, list) and len(pair) == (3 if name == "persons" else 2)
               for name, values in out["facets"].items() for pair in values)


def test_limit_offset_sort(tmp_path: Path) -> None:
    db = _db(tmp_path)
    run = CliRunner().invoke
    every = json.loads(run(main, ["search", "NOT zzzz", "--db", str(db), "--json",
                                  "--limit", "100000", "--sort", "date"]).output)
    assert every["total"] == len(every["results"]) == len(RECORDS)
    page = json.loads(run(main, ["search", "NOT zzzz", "--db", str(db), "--json",
                                 "--limit", "2", "--offset", "3", "--sort", "date"]).output)
    assert page["results"] == every["results"][3:5]
    assert json.loads(run(main, ["search", "berlin", "--db", str(db), "--json"]).output)[
        "facets"] == {}


def test_query_error_is_one_line_and_exit_2(tmp_path: Path) -> None:
    db = _db(tmp_path)
    res = CliRunner().invoke(main, ["search", 'from:"Embassy', "--db", str(db)])
    assert res.exit_code == 2
    assert res.output == "query error at position 5: unterminated quote\n"


def test_text_output(tmp_path: Path) -> None:
    db = _db(tmp_path)
    res = CliRunner().invoke(main, ["search", '"missile crisis"', "--db", str(db), "--facets"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("1 document, 1–1 shown")
    assert "frus1961-63v11/d3" in res.output and "year: 1962 (1)" in res.output


def test_archive_search_is_the_engine(tmp_path: Path) -> None:
    db = _db(tmp_path)
    with Archive.open(db, create=False) as archive:
        out = archive.search("type:telegram", facets=("classification",), sort="date")
    assert [r["id"] for r in out["results"]] == [
        r.id for r in RECORDS if r.doc_type == "telegram"]
    assert out["facets"] == {"classification": [["secret", 1], ["top secret", 1]]}
