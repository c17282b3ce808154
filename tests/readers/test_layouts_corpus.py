"""Every corpus volume, rendered in every layout of tests/render and read back through the
registry, gives every document, and no numbered body paragraph starts one (issue 14).

The hard cases (tests/render/_hard.py) ride along: capital numbered paragraphs right
before the next heading, documents without a dateline, notes that cite notes.
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import pytest

from accuracy_script import text_accuracy as _accuracy
from cablegram.readers.tei import TeiReader
from cablegram.record import Batch
from render import layouts
from render._hard import harden

ROOT = Path(__file__).resolve().parents[2]
_SKIP = re.compile(r"document numbers skip from (\d+)[A-Z]? to (\d+)")



def _corpus() -> Path:
    corpus = Path(os.environ.get("CABLEGRAM_CORPUS", ROOT.parent / "shared" / "corpus"))
    if not (corpus / "frus").is_dir():
        pytest.skip(f"no corpus at {corpus}")
    return corpus


def _words(title: str) -> str:
    return re.sub(r"\W", "", title)


def _gaps(numbers: list[str]) -> set[tuple[int, int]]:
    """(before, after) of every skip in a run of document numbers."""
    whole = [int(re.match(r"\d+", n).group()) for n in numbers if re.match(r"\d+", n)]  # type: ignore[union-attr]
    return {(a, b) for a, b in itertools.pairwise(whole) if b - a > 1}


# Layouts whose readers still misread some hard cases; xfail(strict) so that a fix is seen.
KNOWN_FAILING: dict[str, str] = {}


def _layout_params() -> list[object]:
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FAILING[name]))
            if name in KNOWN_FAILING else name for name in sorted(layouts())]


def test_the_seed_and_2001_layouts_are_discovered() -> None:
    assert {"frus-text", "frus-2001"} <= {lay.name for lay in layouts().values()}


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("layout", _layout_params())
def test_every_layout_gives_every_document_of_every_volume(tmp_path: Path, layout: str) -> None:
    acc = _accuracy()
    chosen = [lay for lay in layouts().values() if lay.name == layout]
    assert len(chosen) == 1
    reports = {lay.name: acc.Report(layout=lay.name) for lay in chosen}
    hard = {lay.name: acc.Report(layout=lay.name) for lay in chosen}
    volumes = acc.volumes_in(_corpus())
    assert len(volumes) == 92
    problems: list[str] = []
    for path in volumes:
        [tei, *_] = list(TeiReader().read(path))
        hardened = Batch(tei.collection, harden(tei.records))
        for lay in chosen:
            for expected, report in ((tei, reports[lay.name]), (hardened, hard[lay.name])):
                back = acc.read_back(lay, expected, tmp_path, report)
                acc.compare(expected, back, report)
                # No numbered body paragraph started a document: every title is the TEI's
                # (up to spacing; a heading without a title is rendered "N. Untitled").
                want = {r.id.lower(): _words(r.title or "Untitled") for r in expected.records}
                problems += [f"{lay.name} {rec.id}: title {rec.title[:60]!r}"
                             for b in back for rec in b.records
                             if _words(rec.title) != want.get(rec.id.lower())]
                # The reader warned about every skip in the numbers it produced, and only
                # about skips that the volume itself has.
                tei_gaps = _gaps([r.number or "" for r in expected.records])
                for b in back:
                    got = _gaps([r.number or "" for r in b.records])
                    warned = {(int(m[1]), int(m[2])) for w in b.warnings
                              for m in [_SKIP.search(w)] if m}
                    if warned != got or not got <= tei_gaps:
                        problems.append(f"{lay.name} {b.collection.id}: skips {sorted(got)} "
                                        f"warned {sorted(warned)} volume {sorted(tei_gaps)}")
    assert not problems, "\n".join(problems[:20])
    for name in reports:
        for report in (reports[name], hard[name]):
            assert report.volumes == 92 and report.volume_id_ok == 92, name
            assert (report.unmatched, report.extra, report.failures) == (0, 0, []), name
            for field, rate in report.figures().items():
                assert rate >= acc.TARGET, f"{name} {field}: {rate:.2%}"
