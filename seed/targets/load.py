"""How a Databricks run is loaded (``--load volume|statements|auto``), checked in one place."""

from seed.errors import UsageError
from seed.targets.plan import RunSettings

AUTO, VOLUME, STATEMENTS = "auto", "volume", "statements"
LOADS = (AUTO, VOLUME, STATEMENTS)
#: ``auto`` loads through a Volume (when one is configured) for runs of more invoices than this:
#: from here on the statements path sends more warehouse requests than the Volume path
#: (README, "Databricks at volume", has the measurement).
VOLUME_FROM = 10_000


def choose_load(
    settings: RunSettings, invoice_count: int, *, databricks: bool, script: bool
) -> str:
    """VOLUME or STATEMENTS for a run to a Databricks target (connected, or a SQL ``script``);
    a UsageError for load options that do not fit the destination."""
    load = settings.load or AUTO
    if load not in LOADS:
        raise UsageError(f"unknown --load {load!r}: choose from {', '.join(LOADS)}")
    if not databricks:
        given = [
            option
            for option, value in (
                ("--load", settings.load),
                ("--volume", settings.volume),
                ("--stage-dir", settings.stage_dir),
            )
            if value is not None
        ]
        if given:
            raise UsageError(
                f"{given[0]} is for Databricks: use --target databricks, "
                "or --sql-file with --dialect databricks"
            )
        return STATEMENTS
    if script:
        load = _script_load(load, settings)
    elif settings.stage_dir is not None:
        raise UsageError(
            "--stage-dir is for --sql-file (loading offline); a connected run uploads its files"
        )
    if load == AUTO:
        load = VOLUME if settings.volume and invoice_count > VOLUME_FROM else STATEMENTS
    if load == VOLUME and settings.volume is None:
        raise UsageError(
            "--load volume needs --volume /Volumes/<catalog>/<schema>/<volume> "
            "(or DATABRICKS_VOLUME)"
        )
    return load


def _script_load(load: str, settings: RunSettings) -> str:
    """A script loads through a Volume exactly when it has a folder to stage the files in."""
    if settings.stage_dir is None:
        if load == VOLUME:
            raise UsageError(
                "--load volume with --sql-file needs --stage-dir DIR: the Parquet files are "
                "written there for you to upload"
            )
        return STATEMENTS
    if load == STATEMENTS:
        raise UsageError("--stage-dir is for --load volume: drop it, or use --load volume")
    return VOLUME
