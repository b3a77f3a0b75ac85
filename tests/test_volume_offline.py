"""Loading through a Volume offline (`--sql-file --stage-dir`), and how `--load` is chosen and
checked: auto's threshold, the Volume from the option or DATABRICKS_VOLUME, one line for each
option that does not fit."""

import re
from datetime import date
from pathlib import Path

import pytest
import sqlglot
from sqlglot import expressions as exp

from models import TABLES
from seed.errors import UsageError
from seed.generate.options import SeedOptions
from seed.run import RunSettings, SqlScript, seed_run
from seed.targets.load import STATEMENTS, VOLUME, VOLUME_FROM, choose_load
from tests.fake_databricks import FakeDatabricks
from tests.fake_volume import VOLUME as FAKE_VOLUME

OPTIONS = SeedOptions(seed=7, as_of=date(2026, 11, 24), per_status=20)


def offline(tmp_path: Path, run_id: str = "ROFF") -> tuple[Path, Path]:
    script, stage = tmp_path / "load.sql", tmp_path / "stage"
    settings = RunSettings(run_id, load="volume", volume=FAKE_VOLUME, stage_dir=stage)
    seed_run(SqlScript(script, "databricks"), OPTIONS, settings)
    return script, stage


def statements(script: Path) -> list[str]:
    text = re.sub(r"^--.*$", "", script.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return [s.strip() for s in text.split(";\n") if s.strip()]


def test_the_script_loads_the_staged_files_as_a_user_would(tmp_path: Path) -> None:
    script, stage = offline(tmp_path)
    files = sorted(stage.rglob("*.parquet"))
    assert sorted({f.parent.relative_to(stage).as_posix() for f in files}) == sorted(
        f"ROFF/{name}" for name in TABLES
    )
    header = script.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert f"databricks fs cp -r {stage / 'ROFF'} dbfs:{FAKE_VOLUME}/ROFF" in header
    assert f"databricks fs rm -r dbfs:{FAKE_VOLUME}/ROFF" in header

    fake = FakeDatabricks()
    for path in files:  # what `databricks fs cp -r` does
        relative = path.relative_to(stage).as_posix()
        with path.open("rb") as contents:
            fake.volume.upload(f"{FAKE_VOLUME}/{relative}", contents)
    parsed = [sqlglot.parse_one(sql, read="databricks") for sql in statements(script)]
    kinds = [(type(e).__name__, e.find(exp.Table).name) for e in parsed]  # type: ignore[union-attr]
    loaded = [
        ("Insert", "seed_runs"),
        *[("Copy", name) for name in TABLES],
        ("Update", "seed_runs"),
    ]
    assert kinds[: len(loaded)] == loaded
    # then, as every script, it moves the run onto an older project of its number, if any
    assert {kind for kind, _ in kinds[len(loaded) :]} == {"Merge", "Delete"}
    with fake.engine().connect() as connection:  # what the SQL editor does
        for sql in statements(script):
            connection.exec_driver_sql(sql)
    assert len(fake.keys("invoices")) == OPTIONS.invoice_count
    assert fake.twin.execute("SELECT outcome FROM seed_runs").fetchall() == [("complete",)]


def test_a_failed_offline_run_leaves_no_files_and_no_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object) -> None:
        raise RuntimeError("injected")

    monkeypatch.setattr("seed.targets.volume_run.copy_into_sql", fail)
    with pytest.raises(RuntimeError, match="injected"):
        offline(tmp_path)
    assert not (tmp_path / "load.sql").exists()
    assert list((tmp_path / "stage").iterdir()) == []


def test_an_existing_stage_folder_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "stage" / "ROFF").mkdir(parents=True)
    with pytest.raises(Exception, match="exists already"):
        offline(tmp_path)


def _settings(**given: object) -> RunSettings:
    return RunSettings("RL", **given)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("settings", "count", "expected"),
    [
        (_settings(), VOLUME_FROM + 1, STATEMENTS),  # no Volume: statements
        (_settings(volume=FAKE_VOLUME), VOLUME_FROM, STATEMENTS),
        (_settings(volume=FAKE_VOLUME), VOLUME_FROM + 1, VOLUME),
        (_settings(volume=FAKE_VOLUME, load="statements"), 10**6, STATEMENTS),
        (_settings(volume=FAKE_VOLUME, load="volume"), 10, VOLUME),
    ],
)
def test_auto_and_explicit_loads(settings: RunSettings, count: int, expected: str) -> None:
    assert choose_load(settings, count, databricks=True, script=False) == expected


@pytest.mark.parametrize(
    ("settings", "databricks", "script", "says"),
    [
        (_settings(load="bulk"), True, False, "unknown --load 'bulk': choose from auto, volume"),
        (_settings(load="volume"), True, False, "--load volume needs --volume /Volumes/"),
        (_settings(load="volume"), False, False, "--load is for Databricks"),
        (_settings(volume=FAKE_VOLUME), False, False, "--volume is for Databricks"),
        (_settings(stage_dir=Path("s")), True, False, "--stage-dir is for --sql-file"),
        (_settings(load="volume", volume=FAKE_VOLUME), True, True, "needs --stage-dir DIR"),
        (_settings(load="statements", stage_dir=Path("s")), True, True, "drop it, or use"),
    ],
)
def test_options_that_do_not_fit_are_refused(
    settings: RunSettings, databricks: bool, script: bool, says: str
) -> None:
    with pytest.raises(UsageError, match=re.escape(says)):
        choose_load(settings, 10, databricks=databricks, script=script)


def test_stage_dir_makes_a_script_load_through_the_volume() -> None:
    settings = _settings(volume=FAKE_VOLUME, stage_dir=Path("s"))
    assert choose_load(settings, 1, databricks=True, script=True) == VOLUME
    assert choose_load(_settings(), 1, databricks=True, script=True) == STATEMENTS


def test_cli_offline_steps(tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    shown = run_cli(
        "-n", "2", "--dialect", "databricks", "--load", "volume", "--volume", FAKE_VOLUME,
        "--sql-file", "load.sql", "--stage-dir", "stage", "--run-id", "RCLI",
    )  # fmt: skip
    assert shown.code == 0, shown.err
    assert "Parquet files in stage/RCLI" in " ".join(shown.out.split())
    assert len(list((tmp_path / "stage" / "RCLI").rglob("*.parquet"))) == len(TABLES)


SCRIPT = ["--dialect", "databricks", "--sql-file", "x.sql"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            [*SCRIPT, "--volume", "/mnt/stage"],
            "--volume '/mnt/stage' is not a Volume: use /Volumes/",
        ),
        ([*SCRIPT, "--load", "volume", "--stage-dir", "s"], "--load volume needs --volume"),
        ([*SCRIPT, "--load", "sideways"], "unknown --load 'sideways'"),
        (["--load", "volume", "--database-url", "sqlite:///x.db"], "--load is for Databricks"),
    ],
)
def test_cli_load_errors_are_one_line(
    tmp_path: Path,
    run_cli,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    says: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABRICKS_VOLUME", raising=False)
    shown = run_cli("-n", "1", *args)
    assert shown.code == 2
    assert says in shown.err and shown.err.count("\n") == 1, shown.err
    assert list(tmp_path.iterdir()) == []


def test_databricks_volume_variable_is_used_for_databricks_only(
    tmp_path: Path,
    run_cli,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABRICKS_VOLUME", FAKE_VOLUME)
    local = run_cli("-n", "1", "--database-url", "sqlite:///missing.db")
    assert "--volume is for Databricks" not in local.err
    shown = run_cli(
        "-n", "1", "--dialect", "databricks", "--load", "volume", "--sql-file", "x.sql",
        "--stage-dir", "stage", "--run-id", "RENV",
    )  # fmt: skip
    assert shown.code == 0, shown.err
    assert f"dbfs:{FAKE_VOLUME}/RENV" in (tmp_path / "x.sql").read_text(encoding="utf-8")
    monkeypatch.setenv("DATABRICKS_VOLUME", "volumes/nope")
    bad = run_cli("-n", "1", "--dialect", "databricks", "--sql-file", "y.sql")
    assert bad.code == 2 and "DATABRICKS_VOLUME 'volumes/nope' is not a Volume" in bad.err
