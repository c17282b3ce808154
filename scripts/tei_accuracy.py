"""How well the shared field parsers read FRUS from printed text, judged by the TEI markup.

    python scripts/tei_accuracy.py [CORPUS_DIR] [--out FILE]

Reads every volume with TeiReader(markup=False) (fields from printed text only) and compares
the records with truth taken straight from the markup by a separate parse:
dateline//date/@when -> date and time, dateline//placeName -> place, the heading's
type="from"/"to" elements -> from/to, classification words in the source note -> a
classification must be found. Prints each figure; writes the disagreements to FILE.
The same comparison of the default (markup) records is printed for reference.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from lxml import etree

from cablegram.readers.tei import TeiReader
from cablegram.readers.tei_markup import party_agrees
from cablegram.record import Record

TEI = "{http://www.tei-c.org/ns/1.0}"
XMLID = "{http://www.w3.org/XML/1998/namespace}id"
TARGETS = {"date": 99.5, "time": 99.0, "place": 99.0, "from": 98.0, "to": 98.0,
           "classification": 98.0}
# Classification words as source notes print them (capitalised; "Secretary" is no match).
_CLASS = re.compile(r"\b(Top Secret|Secret|Confidential|Limited Official Use|Official Use Only|"
                    r"Unclassified|No classification marking)\b")
_PLACE_NOISE = re.compile(r"[\[\]().,;:]")


@dataclass(slots=True)
class Truth:
    when: str | None = None
    place: str | None = None
    senders: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    stated_class: str | None = None


def default_corpus() -> Path:
    env = os.environ.get("CABLEGRAM_CORPUS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def volumes(corpus_dir: Path) -> list[Path]:
    frus = corpus_dir / "frus" if (corpus_dir / "frus").is_dir() else corpus_dir
    return sorted(p for p in frus.iterdir() if p.name.endswith((".xml.gz", ".xml")))


def _text(el: etree._Element) -> str:
    return " ".join("".join(str(t) for t in el.itertext()).split())


def _own_dateline(doc: etree._Element) -> etree._Element | None:
    late = None
    for ch in doc:
        if ch.tag == TEI + "dateline":
            return ch
        if ch.tag == TEI + "opener":
            d = ch.find(TEI + "dateline")
            if d is not None:
                return d
        elif ch.tag == TEI + "closer" and late is None:
            late = ch.find(TEI + "dateline")
    return late


def truths(path: Path) -> Iterator[tuple[str, Truth]]:
    """(xml:id, Truth) for each document of a volume, straight from the markup."""
    opener = gzip.open if path.name.endswith(".gz") else open
    parser = etree.XMLPullParser(events=("end",), tag=TEI + "div", collect_ids=False,
                                 resolve_entities=False, no_network=True, load_dtd=False)
    with opener(path, "rb") as f:
        while chunk := f.read(1 << 16):
            parser.feed(chunk)
            for _e, item in parser.read_events():
                div = cast(etree._Element, item)
                if div.get("type") == "document":
                    yield div.get(XMLID) or "", _truth(div)
                    div.clear()
        parser.close()


def _truth(doc: etree._Element) -> Truth:
    t = Truth()
    dl = _own_dateline(doc)
    if dl is not None:
        d = dl.find(f".//{TEI}date")
        if d is not None:
            t.when = d.get("when")
        p = dl.find(f".//{TEI}placeName")
        if p is not None:
            t.place = _text(p) or None
    head = doc.find(TEI + "head")
    if head is not None:
        for el in head.iter():
            kind = el.get("type")
            if kind in ("from", "to") and not any(a.tag == TEI + "note"
                                                  for a in el.iterancestors()):
                (t.senders if kind == "from" else t.recipients).append(_text(el))
    for n in doc.iter(TEI + "note"):
        if n.get("type") == "source" or (n.get("type") is None and n.get("n") == "0"):
            m = _CLASS.search(_text(n))
            if m:
                t.stated_class = m.group(1)
            break
    return t


def _norm(s: str | None) -> str:
    return " ".join(_PLACE_NOISE.sub(" ", s or "").split()).casefold()


def compare(rec: Record, t: Truth, tally: dict[str, list[int]],
            bad: list[tuple[str, str, str, str]]) -> None:
    def count(name: str, ok: bool, expected: object, got: object) -> None:
        tally.setdefault(name, [0, 0])
        tally[name][1] += 1
        if ok:
            tally[name][0] += 1
        else:
            bad.append((name, rec.id, str(expected), str(got)))

    if t.when and len(t.when) >= 10:
        count("date", rec.date == t.when[:10], t.when[:10], rec.date)
        if len(t.when) >= 16 and t.when[10] == "T":
            count("time", rec.time == t.when[11:16], t.when[11:16], rec.time)
    if t.place:
        count("place", _norm(rec.place) == _norm(t.place), t.place, rec.place)
    if t.senders:
        count("from", party_agrees(rec.sender, t.senders, t.recipients, sender=True),
              " and ".join(t.senders), rec.sender)
    if t.recipients:
        count("to", party_agrees(rec.recipient, t.recipients, t.senders, sender=False),
              " and ".join(t.recipients), rec.recipient)
    if t.stated_class:
        count("classification", rec.classification is not None, t.stated_class,
              rec.classification)
        expected = "unclassified" if t.stated_class.startswith("No ") else t.stated_class.lower()
        count("classification value", rec.classification == expected, expected,
              rec.classification)


def measure(corpus_dir: Path, *, markup: bool = False) -> dict[str, Any]:
    """Figures over the corpus: {figures: {name: (agree, total)}, documents, ids, warnings,
    disagreements: [(figure, id, expected, got)]}."""
    reader = TeiReader(markup=markup)
    tally: dict[str, list[int]] = {}
    bad: list[tuple[str, str, str, str]] = []
    ids: set[str] = set()
    documents = 0
    warnings: list[str] = []
    missing = 0
    for path in volumes(Path(corpus_dir)):
        by_id: dict[str, Record] = {}
        for batch in reader.read(path):
            warnings += [f"{batch.collection.id}: {w}" for w in batch.warnings]
            for record in batch.records:
                by_id[record.id] = record
                ids.add(record.id)
                documents += 1
        volume = batch.collection.id
        for xml_id, t in truths(path):
            rec = by_id.get(f"{volume}/{xml_id}")
            if rec is None:
                missing += 1
                continue
            compare(rec, t, tally, bad)
    return {
        "figures": {k: (v[0], v[1]) for k, v in tally.items()},
        "documents": documents,
        "distinct_ids": len(ids),
        "missing": missing,
        "warnings": warnings,
        "disagreements": bad,
    }


def _pct(a: int, b: int) -> float:
    return 100.0 * a / b if b else 100.0


def report(result: dict[str, Any], label: str) -> list[str]:
    lines = [f"{label}: {result['documents']} records, {result['distinct_ids']} distinct ids, "
             f"{result['missing']} documents without a record, "
             f"{len(result['warnings'])} warnings"]
    for name, (a, b) in result["figures"].items():
        target = TARGETS.get(name)
        mark = "" if target is None else (" ok" if _pct(a, b) >= target else f" < {target}%")
        lines.append(f"  {name:22} {a:6}/{b:<6} {_pct(a, b):6.2f}%{mark}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("corpus", nargs="?", type=Path, default=default_corpus())
    ap.add_argument("--out", type=Path, default=Path("tei_accuracy_disagreements.tsv"))
    args = ap.parse_args(argv)
    printed = measure(args.corpus, markup=False)
    print("\n".join(report(printed, "printed text (TeiReader(markup=False))")))
    for w in printed["warnings"]:
        print(f"  warning: {w}")
    with args.out.open("w", encoding="utf-8") as f:
        f.write("figure\tid\texpected\tgot\n")
        for row in printed["disagreements"]:
            f.write("\t".join(x.replace("\t", " ").replace("\n", " ") for x in row) + "\n")
    print(f"  {len(printed['disagreements'])} disagreements written to {args.out}")
    marked = measure(args.corpus, markup=True)
    print("\n".join(report(marked, "with markup (TeiReader())")))
    missed = [n for n, (a, b) in printed["figures"].items()
              if n in TARGETS and _pct(a, b) < TARGETS[n]]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
