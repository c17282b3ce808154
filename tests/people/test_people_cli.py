"""`cablegram person`, `link`, and the people in `ingest`, `show` and `stats`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from people_fixtures import MINI, write_authorities

from cablegram.cli import main


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    write_authorities(root)
    (root / "frus").mkdir()
    (root / "frus" / "frus-mini.xml").write_bytes(MINI.read_bytes())
    return root


def run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, list(args))
    return res.exit_code, res.stdout, res.stderr


def test_ingest_prints_the_authorities_and_their_warnings(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    code, out, err = run("ingest", str(_corpus(tmp_path)), "--db", db)
    assert code == 0
    assert "authorities people" in out and "authorities pocom" in out
    lines = err.splitlines()
    assert any(line.startswith("warning: ") and "has no name" in line for line in lines)
    assert any("ends (1969-01-01) before it starts" in line for line in lines)
    code, out, _ = run("ingest", str(tmp_path / "corpus"), "--db", db, "--json")
    summary = json.loads(out)
    assert [a["status"] for a in summary["authorities"]] == ["unchanged", "unchanged"]
    assert summary["linked"] is None


def test_a_wrong_authority_folder_is_one_error_line(tmp_path: Path) -> None:
    pocom = tmp_path / "pocom"
    (pocom / "missions-countries").mkdir(parents=True)
    code, _, err = run("ingest", str(pocom), "--db", str(tmp_path / "a.db"))
    assert code == 1
    assert err.strip().splitlines() == [
        f"{pocom}: not a pocom folder: no people/, positions-principals/ (pocom has people/, "
        "positions-principals/, missions-countries/)"]


def test_person_show_stats_and_link(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    run("ingest", str(_corpus(tmp_path)), "--db", db)
    code, out, _ = run("person", "Rusk", "--db", db)
    assert code == 0
    assert "Rusk, Dean [100001]" in out and "frus-mini/d1" in out
    assert "Khrushchev, Nikita Sergeyevich" in out  # named in the same document
    code, out, _ = run("person", "100001", "--db", db, "--json")
    data = json.loads(out)
    assert [d["id"] for d in data["sent"]] == ["frus-mini/d1"]
    assert data["appointments"][0]["start"] == "1961-01-21"
    code, _, err = run("person", "Kuznetsov", "--db", db)
    assert code == 1 and err.startswith("error: 'Kuznetsov' names 2 persons: 100004")
    code, out, _ = run("show", "frus-mini/d2", "--db", db)
    assert "Khrushchev, Nikita S. [100002] name ×1" in out
    code, out, _ = run("stats", "--db", db)
    assert "register persons" in out
    code, out, _ = run("link", "--db", db)
    assert (code, out) == (0, "0 collections, 0 documents linked\n")
    code, out, _ = run("link", "--all", "--db", db, "--json")
    assert json.loads(out) == {"collections": 1, "documents": 4, "warnings": []}
    code, out, _ = run("search", "person:Rusk", "--db", db, "--facets")
    assert "persons: 100001 Rusk, Dean (1), 100002 Khrushchev, Nikita Sergeyevich (1)" in out


def test_link_without_authorities_is_an_error(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    run("ingest", str(MINI), "--db", db)
    code, _, err = run("link", "--db", db)
    assert code == 1 and err.startswith("error: no authorities in the archive")
