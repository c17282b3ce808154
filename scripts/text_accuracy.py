"""How well the text path agrees with the TEI path, per field and per layout, over the corpus.

Each volume is read with the TEI reader (default markup mode), rendered in a text layout by
a renderer of tests/render/ (one file or many pages), each file is read back through the
auto-detecting registry, and the documents are matched by id: missing and extra documents
are counted, and the fields compared (date, time, place, from, to, classification, telegram
number and note count).

    python scripts/text_accuracy.py [CORPUS_DIR] [--layout NAME|all] [--volume ID ...]
                                    [--hard] [--show N]
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the layout renderers live beside the tests

from cablegram.readers.registry import detect_reader  # noqa: E402
from cablegram.readers.tei import TeiReader  # noqa: E402
from cablegram.record import Batch, Record  # noqa: E402
from render import Layout, layouts  # noqa: E402
from render._hard import harden  # noqa: E402

FIELDS = ("date", "time", "place", "from", "to", "classification", "telegram_number",
          "footnotes")
TARGET = 0.99
DEFAULT_LAYOUT = "frus-text"


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
    """The comparison of one layout with the TEI path."""

    layout: str = DEFAULT_LAYOUT
    documents: int = 0
    volumes: int = 0
    files: int = 0
    unmatched: int = 0  # TEI documents not read back (missing)
    extra: int = 0  # documents read back that the TEI does not have
    volume_id_ok: int = 0
    agree: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: dict[str, list[tuple[str, Any, Any]]] = field(
        default_factory=lambda: {f: [] for f in FIELDS})
    missing_ids: list[str] = field(default_factory=list)
    extra_ids: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # files the registry refused
    # Documents whose TEI prints the source note as note 1: the TEI reader then gives no
    # source note (so no classification) and one more note than a page's reader.
    source_as_note: set[str] = field(default_factory=set)

    def rate(self, name: str) -> float:
        return self.agree[name] / self.documents if self.documents else 1.0

    def rate_without_quirk(self, name: str) -> float:
        """The rate over the documents whose TEI source note is not a numbered note."""
        quirk = sum(1 for doc_id, _, _ in self.misses[name] if doc_id in self.source_as_note)
        base = self.documents - len(self.source_as_note)
        agree = self.agree[name] - (len(self.source_as_note) - quirk)
        return agree / base if base else 1.0

    def figures(self) -> dict[str, float]:
        return {f: self.rate(f) for f in FIELDS}


def volumes_in(corpus: Path) -> list[Path]:
    frus = corpus / "frus" if (corpus / "frus").is_dir() else corpus
    return sorted([*frus.glob("*.xml.gz"), *frus.glob("*.xml")])


def read_back(layout: Layout, tei: Batch, workdir: Path, report: Report) -> list[Batch]:
    """Render one volume in `layout`, read every file back through the registry."""
    from cablegram.errors import ReadError

    batches: list[Batch] = []
    for name, content in layout.render(tei.collection, tei.records):
        out = workdir / name
        out.write_text(content, encoding="utf-8")
        report.files += 1
        try:
            batches += list(detect_reader(out).read(out))
        except ReadError as e:
            report.failures.append(f"{tei.collection.id} {name}: {e.reason}")
        report.warnings += [f"{tei.collection.id} {name}: {w}"
                            for b in batches[-1:] for w in b.warnings]
        out.unlink()
    return batches


def compare(tei: Batch, back: list[Batch], report: Report) -> None:
    """Add one volume's comparison (documents matched by id) to `report`."""
    report.volumes += 1
    named = [b.collection.id for b in back]
    report.volume_id_ok += int(bool(named) and set(named) == {tei.collection.id})
    # Ids match without regard to the case of a number's letter: a page prints "72A" where
    # the TEI's xml:id is "d72a" in one volume and "d278A" in another.
    by_id: dict[str, Record] = {}
    for b in back:
        for rec in b.records:
            by_id.setdefault(rec.id.lower(), rec)
    wanted = {r.id.lower() for r in tei.records}
    for doc_id in sorted(by_id.keys() - wanted):
        report.extra += 1
        report.extra_ids.append(by_id[doc_id].id)
    for want in tei.records:
        report.documents += 1
        if want.source_note is None and want.footnotes and want.footnotes[0].text.startswith(
                "Source:"):
            report.source_as_note.add(want.id)
        got = by_id.get(want.id.lower())
        if got is None:
            report.unmatched += 1
            report.missing_ids.append(want.id)
        for name in FIELDS:
            expected = _value(want, name)
            value = _value(got, name) if got is not None else "<missing>"
            if expected == value:
                report.agree[name] += 1
            else:
                report.misses[name].append((want.id, expected, value))


def compare_volume(path: Path, report: Report, workdir: Path, markup: bool = True) -> None:
    """Render one TEI volume in `report.layout`, read it back, add the comparison."""
    # Run the reader to its end, so that it closes its file.
    [tei, *_] = list(TeiReader(markup=markup).read(path))
    compare(tei, read_back(layouts()[report.layout], tei, workdir, report), report)


def measure_layouts(corpus_dir: Path, names: Iterable[str], volumes: Iterable[str] | None = None,
                    markup: bool = True, hard: bool = False) -> dict[str, Report]:
    """One Report per layout; each volume is read from TEI once for all layouts.

    `hard`: the records get the hard cases of tests/render/_hard.py before rendering, and
    the text path is compared with these records."""
    found = layouts()
    chosen = [found[n] for n in names]
    wanted = set(volumes) if volumes else None
    reports = {lay.name: Report(layout=lay.name) for lay in chosen}
    with tempfile.TemporaryDirectory(prefix="cablegram-text-") as tmp:
        for path in volumes_in(corpus_dir):
            vid = path.name.removesuffix(".gz").removesuffix(".xml")
            if wanted is not None and vid not in wanted:
                continue
            [tei, *_] = list(TeiReader(markup=markup).read(path))
            if hard:
                tei = Batch(tei.collection, harden(tei.records), tei.warnings)
            for lay in chosen:
                report = reports[lay.name]
                compare(tei, read_back(lay, tei, Path(tmp), report), report)
    return reports


def measure(corpus_dir: Path, volumes: Iterable[str] | None = None,
            markup: bool = True, layout: str = DEFAULT_LAYOUT) -> Report:
    """The comparison over every volume of the corpus (or the named ones) in one layout.

    `markup=False` compares with the TEI reader's printed-text mode (the same parsers on
    both sides); the default compares with its values from markup where the TEI has them.
    """
    return measure_layouts(corpus_dir, [layout], volumes, markup)[layout]


def print_report(report: Report, show: int) -> bool:
    print(f"== layout {report.layout}: volumes {report.volumes} in {report.files} files "
          f"(volume id right: {report.volume_id_ok}); documents {report.documents}; "
          f"missing {report.unmatched}; extra {report.extra}; files refused "
          f"{len(report.failures)}; warnings {len(report.warnings)}")
    ok = report.unmatched == 0 and report.extra == 0 and not report.failures
    for name in FIELDS:
        rate = report.rate(name)
        ok &= rate >= TARGET
        print(f"{name:16} {report.agree[name]:6}/{report.documents}  {rate:7.2%}"
              f"  {'ok' if rate >= TARGET else 'BELOW TARGET'}")
        for doc_id, want, got in report.misses[name][:show]:
            print(f"    {doc_id}: tei={want!r} text={got!r}")
    if report.source_as_note:
        print(f"without the {len(report.source_as_note)} documents whose TEI source note is "
              "note 1: " + ", ".join(f"{n} {report.rate_without_quirk(n):.2%}" for n in FIELDS))
    for label, items in (("missing", report.missing_ids), ("extra", report.extra_ids),
                         ("refused", report.failures), ("warning", report.warnings)):
        for item in items[:show]:
            print(f"  {label}: {item}")
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    default = os.environ.get("CABLEGRAM_CORPUS", str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("corpus", nargs="?", default=default)
    ap.add_argument("--layout", default=DEFAULT_LAYOUT,
                    help=f"a layout of tests/render ({', '.join(layouts())}) or 'all'")
    ap.add_argument("--volume", action="append", help="only this volume id (repeatable)")
    ap.add_argument("--show", type=int, default=0, help="print N disagreements per field")
    ap.add_argument("--hard", action="store_true",
                    help="put the hard cases of tests/render/_hard.py into every volume")
    ap.add_argument("--no-markup", action="store_true",
                    help="compare with TeiReader(markup=False), the printed-text mode")
    args = ap.parse_args(argv)
    names = list(layouts()) if args.layout == "all" else [args.layout]
    unknown = [n for n in names if n not in layouts()]
    if unknown:
        ap.error(f"unknown layout {unknown[0]!r} (known: {', '.join(layouts())}, all)")
    reports = measure_layouts(Path(args.corpus), names, args.volume, markup=not args.no_markup,
                              hard=args.hard)
    print(f"TEI reader mode: {'printed text only' if args.no_markup else 'markup (default)'}")
    ok = True
    for report in reports.values():
        ok &= print_report(report, args.show)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
