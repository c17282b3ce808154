"""Every command and option of `cablegram` is documented in docs/cli.md."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from cablegram.cli import main

DOCS = Path(__file__).parents[1] / "docs" / "cli.md"


def _sections() -> dict[str, str]:
    """docs/cli.md split at its `## cablegram NAME` headings."""
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^## cablegram (\S+)\s*$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented(name: str) -> None:
    sections = _sections()
    assert name in sections, f"docs/cli.md has no '## cablegram {name}' section"
    command = main.commands[name]
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                assert opt in sections[name], f"{name} {opt} is not in docs/cli.md"
        elif isinstance(param, click.Argument):
            metavar = param.make_metavar(click.Context(command)).rstrip(".")
            assert metavar in sections[name], f"{name} {metavar} is not in docs/cli.md"
        envvar = getattr(param, "envvar", None)
        for env in [envvar] if isinstance(envvar, str) else list(envvar or []):
            assert env in DOCS.read_text(encoding="utf-8"), f"{env} is not in docs/cli.md"


def test_no_section_for_a_command_that_does_not_exist() -> None:
    assert sorted(_sections()) == COMMANDS
