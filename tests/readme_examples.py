"""Runs the README's worked examples (the ```text blocks after an `<!-- example -->` marker) as a
user types them, in a fresh folder, and compares what they print with what the README shows.

Each `$ command` line runs in bash (stdout and stderr together, as a terminal shows them) with the
environment's `seed` first on PATH and a `sqlite3` that runs SQL through Python's sqlite3. Blocks
share one folder, in README order. Parts the README says vary are masked on both sides: generated
run ids, durations, who ran a run and when, and, in a block marked
`<!-- example: random seed -->`, every number and the Hold reasons table.

Regenerate the README's blocks from the current code:
    .venv/bin/python -m tests.readme_examples --write
"""

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
_BLOCK = re.compile(r"<!-- example(?P<random>: random seed)? -->\n```text\n(?P<body>.*?)```", re.S)
_MASKS = (
    (re.compile(r"R\d{8}T\d{6}_[0-9a-f]{6}"), "RUN_ID"),
    (re.compile(r"\d+\.\d\d s\b"), "N.NN s"),
    (re.compile(r"by \S+@\S+ at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC"), "by USER@HOST at TIME UTC"),
)
_SQLITE3 = """#!{python}
import sqlite3, sys
with sqlite3.connect(sys.argv[1]) as connection:
    for row in connection.execute(sys.argv[2]):
        print("|".join("" if v is None else str(v) for v in row))
"""


@dataclass
class Example:
    random_seed: bool
    body: str
    start: int
    end: int

    def commands(self) -> list[str]:
        return [line[2:] for line in self.body.splitlines() if line.startswith("$ ")]


def examples(text: str) -> list[Example]:
    return [
        Example(bool(m.group("random")), m.group("body"), m.start("body"), m.end("body"))
        for m in _BLOCK.finditer(text)
    ]


def mask(text: str, random_seed: bool) -> str:
    for pattern, replacement in _MASKS:
        text = pattern.sub(replacement, text)
    if random_seed:  # numbers vary, and so do the Hold reasons drawn: their table is cut
        text = re.sub(r"\d+", "N", text).split("Hold reasons\n", 1)[0]
    return text


class Shell:
    """A fresh folder where the examples run one after another."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        tools = folder / ".tools"
        tools.mkdir()
        shim = tools / "sqlite3"
        shim.write_text(_SQLITE3.format(python=sys.executable), encoding="utf-8")
        shim.chmod(0o755)
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "COLUMNS")}
        env = {k: v for k, v in env.items() if not k.startswith("DATABRICKS_")}
        path = f"{tools}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
        self.env = env | {"PATH": path}
        self.last_code = 0

    def run(self, command: str) -> str:
        command = command.replace(".venv/bin/", "").replace("$?", str(self.last_code))
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=self.folder,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
        )
        if not command.startswith("echo "):
            self.last_code = done.returncode
        return done.stdout


def run_example(shell: Shell, example: Example) -> str:
    """The block as it comes out today: each command line followed by what it printed."""
    out = []
    for command in example.commands():
        out.append(f"$ {command}\n")
        out.append(shell.run(command))
    return "".join(out)


def regenerate() -> None:
    text = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        shell = Shell(Path(folder))
        found = examples(text)
        outputs = [run_example(shell, example) for example in found]
    for example, output in reversed(list(zip(found, outputs, strict=True))):  # offsets hold
        text = text[: example.start] + output + text[example.end :]
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    regenerate()
