"""Terms: the built-in glossary of telegraphic abbreviations, and a volume's own terms list."""

from __future__ import annotations

from functools import cache
from importlib import resources

from cablegram.link.authorities import Authorities


@cache
def glossary() -> dict[str, str]:
    """The shipped glossary (data/terms.tsv): term -> expansion, case as printed."""
    text = resources.files("cablegram").joinpath("data/terms.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {r[0]: r[1] for r in rows if len(r) >= 2 and r[0] and r[1]}


def terms_for(auth: Authorities, volume: str) -> dict[str, str]:
    """The glossary overlaid with the volume's terms list (the volume's expansion wins)."""
    # One-letter office symbols ("S", "M", "U") would match every initial and "U.S.".
    own = {t: e for t, e in auth.terms.get(volume, {}).items() if len(t) > 1}
    return {**glossary(), **own}
