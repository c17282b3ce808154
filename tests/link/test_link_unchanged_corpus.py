"""The linker finds on real volumes exactly what it found before its work on memory and speed.

tests/fixtures/link_digests.json holds, for every document of four volumes, the digest of
its links (`link_digest`: every field of every person and term link, every mention) made by
the linker at 6cdc7de, before the changes for memory and speed. A change meant to alter what
the linker finds regenerates it: `python scripts/link_snapshot.py VOLUMES --out FILE`.
"""

from __future__ import annotations

import hashlib
import json
import os
from itertools import zip_longest
from pathlib import Path

import pytest

from cablegram.link import Authorities, Linker
from cablegram.link.linker import dates_nearby, link_digest
from cablegram.readers.tei import TeiReader
from cablegram.record import Batch

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", REPO.parent / "shared" / "corpus"))
pytestmark = [pytest.mark.corpus, pytest.mark.slow]
VOLUMES = ["frus1917-72PubDip", "frus1952-54Guat", "frus1961-63v06", "frus1964-68v34"]


@pytest.fixture(scope="module")
def batches(corpus_auth: Authorities) -> list[Batch]:
    paths = [CORPUS / "frus" / f"{v}.xml.gz" for v in VOLUMES]
    if not all(p.is_file() for p in paths):
        pytest.skip("corpus volumes missing")
    found = [b for p in paths for b in TeiReader().read(p)]
    for b in found:
        corpus_auth.add_volume(b.collection)
    return found


def _digest(linker: Linker, batch: Batch, i: int) -> tuple[str, str]:
    rec = batch.records[i]
    persons, terms = linker.link(rec, dates_nearby(batch.records)[i])
    return rec.id, hashlib.sha1(link_digest(persons, terms).encode()).hexdigest()[:16]


def _before() -> dict[str, str]:
    data: dict[str, str] = json.loads(
        (REPO / "tests" / "fixtures" / "link_digests.json").read_text(encoding="utf-8"))
    return data


def test_links_unchanged_volume_by_volume(corpus_auth: Authorities, batches: list[Batch]
                                          ) -> None:
    linker = Linker(corpus_auth)
    now = dict(_digest(linker, b, i) for b in batches for i in range(len(b.records)))
    before = _before()
    assert now.keys() == before.keys()
    assert [k for k in before if now[k] != before[k]] == []


def test_links_unchanged_when_volumes_are_dropped_and_remade(
        corpus_auth: Authorities, batches: list[Batch]) -> None:
    """Documents of the four volumes in turn, one volume index kept: every document remakes
    its volume's index, and finds the same."""
    linker = Linker(corpus_auth, volumes_kept=1)
    now: dict[str, str] = {}
    turns = zip_longest(*(range(len(b.records)) for b in batches))
    for row in list(turns)[:60]:
        for b, i in zip(batches, row, strict=True):
            if i is not None:
                key, digest = _digest(linker, b, i)
                now[key] = digest
        assert len(linker._volumes) == 1
    before = _before()
    assert len(now) > 200
    assert [k for k in now if now[k] != before[k]] == []
