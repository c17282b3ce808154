"""A seeded random sample of resolved telegram references, to check by hand.

    python scripts/telegram_ref_sample.py ARCHIVE.db [--n 220] [--seed 16] [--verdicts FILE]
        [--out docs/data/telegram_ref_sample.tsv]

Each row: the citing document (id, date, from, to), where the citation is, the passage
around it, and the resolved target (id, date, from, to, number). With --verdicts (lines
"ROW<TAB>wrong<TAB>why"; rows not listed were judged right), the TSV gets a verdict column
and the precision is printed.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

from cablegram.archive import Archive

CONTEXT = 160


def passage(text: str, cited: str) -> str:
    i = text.find(cited)
    if i < 0:
        return ""
    return " ".join(text[max(0, i - CONTEXT): i + len(cited) + 60].split())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--n", type=int, default=220)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--verdicts", type=Path)
    ap.add_argument("--out", type=Path, default=Path("docs/data/telegram_ref_sample.tsv"))
    args = ap.parse_args()
    wrong: dict[int, str] = {}
    if args.verdicts:
        for line in args.verdicts.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                row, _, why = line.split("\t", 2)
                wrong[int(row)] = why
    with Archive.open(args.db, create=False) as archive:
        refs = archive.refs(kind="telegram", status="resolved")
        sample = random.Random(args.seed).sample(refs, min(args.n, len(refs)))
        rows = []
        for k, r in enumerate(sample, start=1):
            src, tgt = archive.get(r.src_id), archive.get(r.target_id or "")
            body = src.text if r.location == "text" else next(
                (f.text for f in src.footnotes if f"footnote {f.n}" == r.location), "")
            rows.append({
                "row": k, "citing": src.id, "citing_date": src.date or "",
                "citing_from": src.sender or "", "citing_to": src.recipient or "",
                "where": r.location, "cited": r.text, "passage": passage(body, r.text),
                "target": tgt.id, "target_date": tgt.date or "", "target_from": tgt.sender or "",
                "target_to": tgt.recipient or "", "target_number": tgt.telegram_number or "",
                "verdict": "wrong" if k in wrong else ("right" if args.verdicts else ""),
                "why": wrong.get(k, ""),
            })
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter="\t")
        w.writeheader()
        w.writerows(rows)
    if args.verdicts:
        right = len(rows) - len(wrong)
        print(f"sample {len(rows)} of {len(refs)} resolved; right {right}; wrong {len(wrong)}; "
              f"precision {100.0 * right / len(rows):.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
