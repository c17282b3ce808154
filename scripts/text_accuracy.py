"""How well the text path agrees with the TEI path, per field, over the corpus volumes.

Each volume is read with the TEI reader (default markup mode), rendered in the seed's
plain-text layout (cablegram.export.frus_text), read back with the frus-text reader, and
compared document by document (matched by document number) on date, time, place, from,
to, classification, telegram number and footnote count.

    python scripts/text_accuracy.py [CORPUS_DIR] [--volume ID ...] [--show N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cablegram.export.frus_text import write_frus_text
from cablegram.readers.tei import TeiReader
from cablegram.readers.text import TextReader
from cablegram.record import Record

FIELDS = ("date", "time", "place", "from", "to", "classification", "telegram_number",
          "footnotes")
TARGET = 0.98


def _value(rec: Record, name: str) -> Any:
    if name == "from":
        return rec.sender
    if name == "to":
        return rec.recipient
    if name == "footnotes":
        return len(rec.footnotes)
    return getattr(rec, name)


@dataclass
class Report:
    documents: int = 0
    volumes: int = 0
    unmatched: int = 0
    volume_id_ok: int = 0
    agree: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: dict[str, list[tuple[str, Any, Any]]] = field(
        default_factory=lambda: {f: [] for f in FIELDS})

    def rate(self, name: str) -> float:
        return self.agree[name] / self.documents if self.documents else 1.0

    def figures(self) -> dict[str, float]:
        return {f: self.rate(f) for f in FIELDS}


def volumes_in(corpus: Path) -> list[Path]:
    frus = corpus / "frus" if (corpus / "frus").is_dir() else corpus
    return sorted([*frus.glob("*.xml.gz"), *frus.glob("*.xml")])


def compare_volume(path: Path, report: Report, workdir: Path, markup: bool = True) -> None:
    """Render one TEI volume as text, read it back, add the comparison to `report`."""
    # Run the reader to its end, so that it closes its file.
    [batch, *_] = list(TeiReader(markup=markup).read(path))
    out = workdir / f"{batch.collection.id}.txt"
    with out.open("w", encoding="utf-8") as f:
        write_frus_text(batch.collection, batch.records, f)
    [back, *_] = list(TextReader().read(out))
    report.volumes += 1
    report.volume_id_ok += back.collection.id == batch.collection.id
    by_number: dict[str, Record] = {}
    for rec in back.records:
        by_number.setdefault(rec.number or "", rec)
    for tei in batch.records:
        report.documents += 1
        number = tei.number or tei.id.rsplit("/", 1)[-1].lstrip("d")
        txt = by_number.get(number)
        if txt is None:
            report.unmatched += 1
        for name in FIELDS:
            want = _value(tei, name)
            got = _value(txt, name) if txt is not None else "<missing>"
            if want == got:
                report.agree[name] += 1
            else:
                report.misses[name].append((tei.id, want, got))
    out.unlink()


def measure(corpus_dir: Path, volumes: Iterable[str] | None = None,
            markup: bool = True) -> Report:
    """The comparison over every volume of the corpus (or the named ones).

    `markup=False` compares with the TEI reader's printed-text mode (the same parsers on
    both sides); the default compares with its values from markup where the TEI has them.
    """
    wanted = set(volumes) if volumes else None
    report = Report()
    with tempfile.TemporaryDirectory(prefix="cablegram-text-") as tmp:
        for path in volumes_in(corpus_dir):
            vid = path.name.removesuffix(".gz").removesuffix(".xml")
            if wanted is None or vid in wanted:
                compare_volume(path, report, Path(tmp), markup)
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("CABLEGRAM_CORPUS", str(Path(__file__).parents[1] / ".." /
                                                     "shared" / "corpus"))
    ap.add_argument("corpus", nargs="?", default=default)
    ap.add_argument("--volume", action="append", help="only this volume id (repeatable)")
    ap.add_argument("--show", type=int, default=0, help="print N disagreements per field")
    ap.add_argument("--no-markup", action="store_true",
                    help="compare with TeiReader(markup=False), the printed-text mode")
    args = ap.parse_args(argv)
    report = measure(Path(args.corpus), args.volume, markup=not args.no_markup)
    print(f"TEI reader mode: {'printed text only' if args.no_markup else 'markup (default)'}")
    print(f"volumes: {report.volumes} (volume id from the title block right: "
          f"{report.volume_id_ok}); documents: {report.documents}; "
          f"not found in the text: {report.unmatched}")
    ok = True
    for name in FIELDS:
        rate = report.rate(name)
        ok &= rate >= TARGET
        print(f"{name:16} {report.agree[name]:6}/{report.documents}  {rate:7.2%}"
              f"  {'ok' if rate >= TARGET else 'BELOW TARGET'}")
        for doc_id, want, got in report.misses[name][: args.show]:
            print(f"    {doc_id}: tei={want!r} text={got!r}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
