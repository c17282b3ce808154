"""Linker benchmark: linking the corpus records against the bare parse of the same volumes.

In one run, on the same files, one core:

  (a) bare: gzip.open + lxml.etree.iterparse over every volume, clearing each element;
  (b) read: the TEI reader (TeiReader, markup on, as ingest reads) of every volume;
  (c) link: `Authorities.add_volume` and `Linker.link` over every record of (b), timed alone.

Loading the authorities (register and pocom) and building the linker are timed apart: they
happen once per archive, not per document.

    python bench/link.py [--corpus DIR] [--out bench/out/link.md]

Target (issue 15): linking at least 1,000 documents/s per core.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from cablegram.link import Authorities, Linker
from cablegram.readers.tei import TeiReader

DEFAULT_CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", "/work/shared/corpus"))
TARGET_DOCS_PER_S = 1000.0


def volumes(frus: Path) -> list[Path]:
    return sorted(p for p in frus.iterdir() if p.name.endswith((".xml", ".xml.gz")))


def bare_parse(paths: list[Path]) -> float:
    """CPU seconds of the bare pull parse of every volume."""
    t0 = time.process_time()
    for path in paths:
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rb") as f:
            for _, el in etree.iterparse(f, huge_tree=True, recover=True):
                el.clear(keep_tail=True)
    return time.process_time() - t0


def read_and_link(paths: list[Path], linker: Linker) -> tuple[float, float, int, int, int]:
    """(read CPU s, link CPU s, documents, person links, term links)."""
    read_s = link_s = 0.0
    docs = persons = terms = 0
    reader = TeiReader()
    for path in paths:
        t0 = time.process_time()
        batches = list(reader.read(path))
        read_s += time.process_time() - t0
        t0 = time.process_time()
        for batch in batches:
            linker.auth.add_volume(batch.collection)
            for rec in batch.records:
                p, t = linker.link(rec)
                persons += len(p)
                terms += len(t)
                docs += 1
        link_s += time.process_time() - t0
    return read_s, link_s, docs, persons, terms


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=Path("bench/out/link.md"))
    args = ap.parse_args(argv)
    paths = volumes(args.corpus / "frus")
    load1 = os.getloadavg()[0]

    t0 = time.process_time()
    auth = Authorities.load(args.corpus / "people", args.corpus / "pocom")
    load_s = time.process_time() - t0
    t0 = time.process_time()
    linker = Linker(auth)
    build_s = time.process_time() - t0

    bare_s = bare_parse(paths)
    read_s, link_s, docs, persons, terms = read_and_link(paths, linker)
    load2 = os.getloadavg()[0]

    rate = docs / link_s if link_s else float("inf")
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {len(paths)} volumes, {docs:,} "
        f"documents; load {load1:.1f} before, {load2:.1f} after; "
        f"{platform.python_implementation()} {platform.python_version()}. CPU seconds, one core.",
        "",
        "| step | CPU s | docs/s | ratio to bare parse |",
        "| --- | ---: | ---: | ---: |",
        f"| bare iterparse (baseline) | {bare_s:.2f} | {docs / bare_s:,.0f} | 1 |",
        f"| TEI reader (records) | {read_s:.2f} | {docs / read_s:,.0f} | {read_s / bare_s:.2f}× |",
        f"| linking (add_volume + link) | {link_s:.2f} | {rate:,.0f} | "
        f"**{link_s / bare_s:.2f}×** |",
        "",
        f"Once per archive: authorities loaded in {load_s:.2f} s ({len(auth.persons):,} register "
        f"persons, {len(auth.appointments):,} appointments), linker built in {build_s:.2f} s.",
        f"Links made: {persons:,} person links, {terms:,} term links.",
        f"Target: ≥ {TARGET_DOCS_PER_S:,.0f} documents/s per core — "
        f"{'met' if rate >= TARGET_DOCS_PER_S else 'NOT met'} ({rate:,.0f}).",
    ]
    text = "\n".join(lines)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
