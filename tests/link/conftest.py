"""Authorities from the real corpus, loaded once for the corpus tests of this folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cablegram.link import Authorities, Linker

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", REPO.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def corpus_auth() -> Authorities:
    if not (CORPUS / "people").is_dir():
        pytest.skip(f"no corpus at {CORPUS}")
    return Authorities.load(CORPUS / "people", CORPUS / "pocom")


@pytest.fixture(scope="session")
def corpus_linker(corpus_auth: Authorities) -> Linker:
    return Linker(corpus_auth)
