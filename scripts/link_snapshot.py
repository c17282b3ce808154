"""A digest of every link the linker makes, per document: to prove a change finds the same.

    python scripts/link_snapshot.py PATH... [--corpus DIR] [--out FILE] [--against FILE]

PATH: TEI volumes (.xml or .xml.gz) or folders of them. Writes `{document id: digest}` as
JSON (`--out`); with `--against`, compares with an earlier snapshot and lists the documents
whose links differ (exit status 1 if any).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from cablegram.link import Authorities, Linker
from cablegram.link.linker import dates_nearby, link_digest
from cablegram.readers.tei import TeiReader


def tei_paths(paths: Iterable[Path]) -> Iterator[Path]:
    for p in paths:
        if p.is_dir():
            yield from sorted(q for q in p.iterdir() if q.name.endswith((".xml", ".xml.gz")))
        else:
            yield p


def snapshot(paths: Iterable[Path], linker: Linker) -> dict[str, str]:
    """Every document's link digest, volume by volume as ingest links them."""
    out: dict[str, str] = {}
    reader = TeiReader()
    for path in tei_paths(paths):
        for batch in reader.read(path):
            linker.auth.add_volume(batch.collection)
            for rec, near in zip(batch.records, dates_nearby(batch.records), strict=True):
                persons, terms = linker.link(rec, near)
                out[rec.id] = hashlib.sha1(link_digest(persons, terms).encode()).hexdigest()[:16]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("paths", type=Path, nargs="+")
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    ap.add_argument("--out", type=Path)
    ap.add_argument("--against", type=Path)
    args = ap.parse_args(argv)
    auth = Authorities.load(args.corpus / "people", args.corpus / "pocom")
    found = snapshot(args.paths, Linker(auth))
    if args.out:
        args.out.write_text(json.dumps(found, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(found):,} documents linked")
    if args.against:
        before = json.loads(args.against.read_text(encoding="utf-8"))
        differ = sorted(k for k in before.keys() | found.keys() if before.get(k) != found.get(k))
        for k in differ[:50]:
            print(f"differs: {k}")
        print(f"{len(differ):,} documents differ")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
