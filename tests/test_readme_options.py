"""The README's "Seeding options" table lists exactly the options `seed --help` shows."""

import re

import typer

from seed.cli.app import app
from tests.support import ROOT


def _readme_options() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Seeding options", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    first_cells = [row.split(" | ", 1)[0] for row in rows]
    return {flag for cell in first_cells for flag in re.findall(r"`(--?[a-z][a-z-]*)", cell)}


def _help_options() -> set[str]:
    command = typer.main.get_command(app)
    names = {name for param in command.params for name in (*param.opts, *param.secondary_opts)}
    return names - {"--help", "-h"}


def test_readme_table_lists_every_option_of_seed_help(run_cli) -> None:  # type: ignore[no-untyped-def]
    shown = run_cli("--help")
    assert shown.code == 0
    options = _help_options()
    assert options, "seed has no options?"
    for name in options:
        assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", shown.out), name
    assert _readme_options() == options
