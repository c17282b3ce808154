"""The history commands: thin over Archive; bad input is one line on stderr and exit 1."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from cablegram.archive import Archive
from cablegram.cli import main

SEEDS = Path(__file__).parents[1] / "fixtures" / "text"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "a.db"
    with Archive.open(path) as a:
        a.ingest([SEEDS / n for n in ("000_bf63f812ba403214.txt", "001_dae7b9ded274fa96.txt",
                                      "003_1bdb9de2a8d2d4fa.txt")], read_ahead="off")
    return str(path)


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "1962-11-02", "--to", "1962-11-01"],
     "error: the range starts (1962-11-02) after it ends (1962-11-01)"),
    (["--from", "1962-02-30", "--to", "1962-11-01"],
     "error: '1962-02-30' is not a date: no such day"),
    (["--from", "yesterday", "--to", "1962-11-01"],
     "error: 'yesterday' is not a date: use YYYY-MM-DD, YYYY-MM or YYYY"),
    (["--from", "1962", "--to", "1962", "--collection", "nope"],
     "error: no collection with id 'nope'"),
])
@pytest.mark.parametrize("command", ["chronology", "network", "digest"])
def test_bad_input_is_one_line(db: str, command: str, args: list[str], message: str) -> None:
    code, out, err = run(command, "--db", db, *args)
    assert (code, out, err) == (1, "", message + "\n")


def test_empty_range_is_an_empty_result(db: str) -> None:
    code, out, _ = run("chronology", "--db", db, "--from", "1900", "--to", "1900", "--json")
    assert code == 0 and json.loads(out)["documents"] == [] and json.loads(out)["total"] == 0
    code, out, _ = run("network", "--db", db, "--from", "1900", "--to", "1900", "--format",
                       "json")
    assert code == 0 and json.loads(out)["edges"] == []


def test_chronology_and_network(db: str) -> None:
    code, out, _ = run("chronology", "--db", db, "--from", "1962-11-01", "--to", "1962-11-02",
                       "--json", "--period", "month")
    data = json.loads(out)
    assert code == 0 and data["counts"] == [{"period": "1962-11", "documents": 5, "inferred": 0}]
    code, out, _ = run("network", "--db", db, "--from", "1962-10", "--to", "1962-11",
                       "--format", "graphml")
    g = nx.read_graphml(io.BytesIO(out.encode("utf-8")))
    assert code == 0 and g.has_edge("Mission to the United Nations", "Department of State")
    code, out, _ = run("chronology", "--db", db, "--from", "1962-11-01", "--to", "1962-11-01")
    assert code == 0 and "3 documents" in out


def test_digest_refs_gaps_sequences(db: str) -> None:
    code, out, _ = run("digest", "--db", db, "--from", "1962-11-20", "--to", "1962-11-21")
    assert code == 0 and out.startswith("# November 20 - November 21, 1962\n")
    assert out.endswith("CDNW12657.pdf | 21-Nov-62 | WASHDC | EXTERNAL | 3401 |\n")
    code, out, _ = run("digest", "--db", db, "--from", "1962-11-01", "--to", "1962-11-01",
                       "--format", "html")
    assert code == 0 and "<table>" in out and "frus1961-63v11/d130" in out
    code, out, _ = run("refs", "--db", db, "--unresolved", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows and all(r["status"] == "unresolved" and r["reason"] for r in rows)
    code, out, _ = run("cited-not-printed", "--db", db, "--json")
    assert code == 0 and all(json.loads(line)["cited_by"] for line in out.splitlines())
    code, out, _ = run("sequences", "--db", db, "--json")
    series = [json.loads(line) for line in out.splitlines()]
    usun = [s for s in series if s["from"] == "Mission to the United Nations"]
    assert code == 0 and [n["number"] for n in usun[0]["numbers"]][:2] == [1579, 1581]
