"""Every worked example in the README prints today what the README shows (tests.readme_examples;
run ids, durations and, where the seed is random, numbers are masked)."""

from pathlib import Path

from tests.readme_examples import README, Shell, examples, mask, run_example


def test_readme_has_worked_examples() -> None:
    assert len(examples(README.read_text(encoding="utf-8"))) >= 5


def test_every_readme_example_prints_what_the_readme_shows(tmp_path: Path) -> None:
    shell = Shell(tmp_path)
    for example in examples(README.read_text(encoding="utf-8")):
        shown = mask(example.body, example.random_seed)
        printed = mask(run_example(shell, example), example.random_seed)
        assert printed == shown, f"README example starting {example.commands()[0]!r}"
