"""Every ```python example in docs/ runs, and prints what its `# ` lines say it prints."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def _examples() -> list[tuple[str, str]]:
    found = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        for i, m in enumerate(BLOCK.finditer(page.read_text(encoding="utf-8"))):
            found.append((f"{page.name}#{i + 1}", m.group(1)))
    return found


def _expected(code: str) -> list[str]:
    """The output an example shows: the comment lines after its last print()."""
    lines = code.rstrip().splitlines()
    shown: list[str] = []
    for line in reversed(lines):
        if not line.startswith("# "):
            break
        shown.insert(0, line[2:])
    return shown


@pytest.mark.parametrize(("name", "code"), _examples(), ids=[n for n, _ in _examples()])
def test_doc_example_runs_and_prints_what_it_shows(name: str, code: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    if "shared/corpus" in code:
        corpus = Path(os.environ.get("CABLEGRAM_CORPUS", ROOT.parent / "shared" / "corpus"))
        if not (corpus / "frus").is_dir():
            pytest.skip(f"no corpus at {corpus}")
        code = code.replace("../shared/corpus", str(corpus))
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, name, "exec"), {"__name__": "__doc_example__"})
    assert out.getvalue().splitlines() == _expected(code)
