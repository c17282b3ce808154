"""Render corpus volumes in a page layout, read the files back, compare with the TEI path.

    python tests/render/roundtrip.py hsg_text [--volume ID ...] [--show N]

Each TEI volume is read (TeiReader, markup mode), rendered by `tests/render/<layout>.py`,
every file read back with the auto-detecting registry, and the records compared by id on
date, time, place, from, to, classification, telegram number and note count.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parents[1]))

from cablegram.errors import ReadError
from cablegram.readers.registry import detect_reader
from cablegram.readers.tei import TeiReader
from cablegram.record import Record

FIELDS = ("date", "time", "place", "from", "to", "classification", "telegram_number", "notes")


def value(rec: Record, name: str) -> Any:
    if name == "notes":
        return len(rec.footnotes)
    return rec.to_dict()[name] if name in ("from", "to") else getattr(rec, name)


@dataclass
class Outcome:
    volumes: int = 0
    documents: int = 0
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    formats: Counter[str] = field(default_factory=Counter)
    # Documents whose TEI prints the source note as note 1: the TEI reader then gives no
    # source note (so no classification) and one more note than the page's reader.
    source_as_note: set[str] = field(default_factory=set)
    agree: Counter[str] = field(default_factory=Counter)
    misses: dict[str, list[tuple[str, Any, Any]]] = field(
        default_factory=lambda: {f: [] for f in FIELDS})

    def rate(self, name: str) -> float:
        return self.agree[name] / self.documents if self.documents else 1.0

    def rate_without_quirk(self, name: str) -> float:
        """The rate over the documents whose TEI source note is not a numbered note."""
        quirk = sum(1 for doc_id, _, _ in self.misses[name] if doc_id in self.source_as_note)
        base = self.documents - len(self.source_as_note)
        agree = self.agree[name] - (len(self.source_as_note) - quirk)
        return agree / base if base else 1.0


def compare_volume(path: Path, layout: Any, workdir: Path, out: Outcome) -> None:
    [tei, *_] = list(TeiReader().read(path))
    got: dict[str, Record] = {}
    for name, content in layout.render(tei.collection, tei.records):
        page = workdir / name
        page.write_text(content, encoding="utf-8")
        try:
            reader = detect_reader(page)
            out.formats[reader.name] += 1
            batches = list(reader.read(page))
        except ReadError as e:
            out.errors.append(str(e))
            continue
        finally:
            page.unlink()
        for batch in batches:
            for rec in batch.records:
                if rec.id in got:
                    out.extra.append(rec.id)
                got[rec.id] = rec
    ids = {r.id for r in tei.records}
    out.extra += [i for i in got if i not in ids]
    out.volumes += 1
    for want in tei.records:
        out.documents += 1
        if want.source_note is None and want.footnotes and want.footnotes[0].text.startswith(
                "Source:"):
            out.source_as_note.add(want.id)
        back = got.get(want.id)
        if back is None:
            out.missing.append(want.id)
        for name in FIELDS:
            a, b = value(want, name), (value(back, name) if back else "<missing>")
            if a == b:
                out.agree[name] += 1
            else:
                out.misses[name].append((want.id, a, b))


def measure(layout_name: str, corpus: Path, volumes: list[str] | None = None) -> Outcome:
    layout = importlib.import_module(f"render.{layout_name}")
    frus = corpus / "frus" if (corpus / "frus").is_dir() else corpus
    out = Outcome()
    with tempfile.TemporaryDirectory(prefix="cablegram-pages-") as tmp:
        for path in sorted(frus.glob("*.xml.gz")):
            if volumes and path.name.removesuffix(".xml.gz") not in volumes:
                continue
            compare_volume(path, layout, Path(tmp), out)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("layout", help="a module of tests/render: hsg_text, hsg_html")
    ap.add_argument("--corpus", default=os.environ.get("CABLEGRAM_CORPUS", "../shared/corpus"))
    ap.add_argument("--volume", action="append")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args(argv)
    out = measure(args.layout, Path(args.corpus), args.volume)
    print(f"layout {args.layout}: volumes {out.volumes}, documents {out.documents}, "
          f"missing {len(out.missing)}, extra {len(out.extra)}, unreadable files "
          f"{len(out.errors)}, read as {dict(out.formats)}")
    print(f"documents whose TEI source note is note 1 (no source note in the TEI reader): "
          f"{len(out.source_as_note)}; the last column leaves them out")
    for name in FIELDS:
        print(f"{name:16} {out.agree[name]:6}/{out.documents}  {out.rate(name):8.3%}"
              f"  {out.rate_without_quirk(name):8.3%}")
        for doc_id, a, b in out.misses[name][: args.show]:
            print(f"    {doc_id}: tei={a!r} page={b!r}")
    for what in (out.missing, out.extra, out.errors):
        for line in what[: args.show]:
            print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
