"""Scans merged with their catalog entries (the seed catalog pages), in either order.

Seed: /work/shared/seeds/000_bf63f812ba403214.txt lists CDNW12467 (NATOPARIS to EXTERNAL,
20-Nov-62, number 2711) and CDNW12658 with the same sender, date and number; 001 lists
CDNW12452 (WASHDC to EXTERNAL, 8-Nov-62, number 3316).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from make_scans import canadian, render, save_png, text_pdf, the_seed_telegram

from cablegram.archive import Archive
from cablegram.readers.scan_merge import apply_scan, catalog_part, scan_part
from cablegram.record import Record

SEEDS = Path("/work/shared/seeds")
PAGE_000 = SEEDS / "000_bf63f812ba403214.txt"
PAGE_001 = SEEDS / "001_dae7b9ded274fa96.txt"
WASHDC = canadian("WASHDC", "3316", "1962-11-08", "CONFIDENTIAL", "IMMEDIATE",
                  ["1. Ritchie saw Rusk this morning about the quarantine."])


def _pdf(path: Path, text: str) -> Path:
    path.write_bytes(text_pdf([text]))
    return path


def _dump(archive: Archive) -> list[str]:
    return sorted(json.dumps(r.to_dict(), sort_keys=True) for r in archive.records())


@pytest.mark.slow
def test_seed_page_and_ocr_scan_in_either_order(tmp_path: Path) -> None:
    scan = save_png(render(the_seed_telegram().text, 300, seed=7), tmp_path / "CDNW12467.png",
                    300)
    dumps = []
    for n, order in enumerate(([PAGE_000, scan], [scan, PAGE_000])):
        with Archive.open(tmp_path / f"a{n}.db") as a:
            report = a.ingest(order)
            assert report.failed == 0, report.errors
            rec = a.get("CDNW12467")
            # The catalog's fields, the scan's text.
            assert rec.format == "catalog" and rec.extra["from_code"] == "NATOPARIS"
            assert rec.title == "Telegram 2711 from NATOPARIS to EXTERNAL"
            assert "Khrushchev" in rec.text and rec.classification == "secret"
            assert rec.extra["scan"]["fields"]["telegram_number"] == "2711"
            assert not [f for f in rec.flags if f.startswith("scan-disagrees")]
            assert len([r for r in a.records("cdnw") if r.id == "CDNW12467"]) == 1
            dumps.append(_dump(a))
    assert dumps[0] == dumps[1]


def test_same_post_date_and_number_merge_without_an_id(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.db") as a:
        a.ingest([PAGE_001, _pdf(tmp_path / "ritchie.pdf", WASHDC.text)])
        rec = a.get("CDNW12452")
        assert "Ritchie saw Rusk" in rec.text and rec.classification == "confidential"
        assert not [r for r in a.records() if r.id.startswith("scans/")]


def test_a_key_shared_by_two_items_is_not_guessed(tmp_path: Path) -> None:
    text = the_seed_telegram().text.replace("CDNW12467\n", "")
    with Archive.open(tmp_path / "a.db") as a:
        report = a.ingest([PAGE_000, _pdf(tmp_path / "nato.pdf", text)])
        rec = a.get("scans/nato")
        assert "possible-scan-of: CDNW12467, CDNW12658" in rec.flags
        assert any("match 2 catalog items" in w for w in report.warnings)
        assert a.get("CDNW12467").text == ""


def test_disagreement_keeps_both_values_and_flags(tmp_path: Path) -> None:
    text = the_seed_telegram().text.replace("2711", "2717")
    with Archive.open(tmp_path / "a.db") as a:
        a.ingest([PAGE_000, _pdf(tmp_path / "CDNW12467.pdf", text)])
        rec = a.get("CDNW12467")
        assert rec.telegram_number == "2711"
        assert rec.extra["scan"]["fields"]["telegram_number"] == "2717"
        assert "scan-disagrees: telegram_number '2711' vs '2717'" in rec.flags


def test_reingest_is_a_no_op_and_a_better_scan_replaces_the_text(tmp_path: Path) -> None:
    first = _pdf(tmp_path / "CDNW12467.pdf", the_seed_telegram().text)
    with Archive.open(tmp_path / "a.db") as a:
        a.ingest([PAGE_000, first])
        before = _dump(a)
        assert a.ingest([first, PAGE_000]).unchanged == 2
        assert _dump(a) == before
        # A worse scan (OCR at 150 dpi, confidence under a text layer's 100) is not taken.
        worse = save_png(render(the_seed_telegram().text, 150, seed=8),
                         tmp_path / "CDNW12467-b.png", 150)
        (tmp_path / "sub").mkdir()
        moved = worse.rename(tmp_path / "sub" / "CDNW12467.png")
        report = a.ingest([moved])
        assert any("more confidence is stored already" in w for w in report.warnings)
        assert _dump(a) == before
        # A better one (the same file, corrected) replaces the text, keeps the catalog's fields.
        first.write_bytes(text_pdf([the_seed_telegram().text + "\nCORRECTED COPY"]))
        a.ingest([first])
        rec = a.get("CDNW12467")
        assert rec.text.endswith("CORRECTED COPY") and rec.format == "catalog"
        assert rec.extra["listed_in"][0]["table"] == 1


def test_a_scan_with_no_catalog_entry_is_its_own_document(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.db") as a:
        a.ingest([PAGE_000, _pdf(tmp_path / "CDNW99999.pdf", WASHDC.text)])
        rec = a.get("CDNW99999")
        assert rec.format == "scan" and rec.sender == "Canadian Embassy, Washington"
        assert rec.collection == "cdnw"


def test_split_undoes_apply() -> None:
    cat = Record(id="X1", collection="x", telegram_number="1", date="1962-11-20",
                 format="catalog", extra={"from_code": "LDN"})
    scan = Record(id="X1", collection="x", text="FM LDN", format="scan",
                  telegram_number="2", classification="secret",
                  extra={"pages": [], "words": [],
                         "scan": {"file": "f", "confidence": 90.0,
                                  "fields": {"telegram_number": "2", "from_code": "LDN",
                                             "classification": "secret", "refs": []}}})
    merged = apply_scan(cat, scan)
    assert merged.classification == "secret" and merged.telegram_number == "1"
    assert catalog_part(merged) == cat
    part = scan_part(merged)
    assert part is not None and part.text == "FM LDN" and part.telegram_number == "2"
    assert apply_scan(catalog_part(merged), part) == merged


def test_cli_ingest_reads_scan_pages_first_and_reports_them(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cablegram.cli import main

    scan = _pdf(tmp_path / "CDNW12467.pdf", the_seed_telegram().text)
    seen: list[tuple[str, int, int]] = []
    with Archive.open(tmp_path / "a.db") as a:
        a.ingest([PAGE_000, scan], on_page=lambda p, d, t: seen.append((p.name, d, t)))
        assert seen == [("CDNW12467.pdf", 1, 1)]
        seen.clear()
        a.ingest([scan], on_page=lambda p, d, t: seen.append((p.name, d, t)))
        assert seen == []  # unchanged: not read again
    result = CliRunner().invoke(main, ["ingest", str(PAGE_000), str(scan),
                                       "--db", str(tmp_path / "b.db"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["documents"] == 12
