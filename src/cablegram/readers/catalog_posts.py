"""The glossary of post codes ("LDN" -> "Canadian High Commission, London"), user-extendable."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from cablegram.errors import ReadError

ENV = "CABLEGRAM_GLOSSARY"


def parse_glossary(text: str, origin: str = "glossary") -> dict[str, str]:
    """`code<TAB>name[<TAB>note]` lines; '#' starts a comment line. Codes are uppercased."""
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) < 2 or not parts[0] or not parts[1]:
            raise ReadError(origin, f"line {n}: expected 'CODE<TAB>name', got {line.strip()!r}")
        out[parts[0].upper()] = parts[1]
    return out


def load_glossary(extra: Path | None = None) -> dict[str, str]:
    """The built-in glossary, then `extra` or $CABLEGRAM_GLOSSARY over it (user entries win)."""
    text = resources.files("cablegram").joinpath("data/posts.tsv").read_text(encoding="utf-8")
    glossary = parse_glossary(text, "cablegram/data/posts.tsv")
    user = extra or (Path(os.environ[ENV]) if os.environ.get(ENV) else None)
    if user is not None:
        try:
            user_text = user.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise ReadError(user, f"cannot read the post glossary: {e}") from None
        glossary.update(parse_glossary(user_text, str(user)))
    return glossary
