"""Loading through a Volume offline: ``seed --dialect databricks --load volume --volume V
--sql-file load.sql --stage-dir DIR``, for users who cannot connect from their machine.

The Parquet files go into ``DIR/<run id>/<table>/`` and the script's ``COPY INTO`` statements
read them from ``V/<run id>/<table>/``: upload the folder there, run the script in the SQL
editor, then delete the uploaded folder. Nothing connects.
"""

import shutil
from dataclasses import replace

from seed.databricks.volume import STAGED_FILE_BYTES
from seed.errors import SeedError
from seed.generate.options import SeedOptions
from seed.runs.ledger import COMPLETE
from seed.targets.plan import RunResult, RunSettings, SeedReport
from seed.targets.sql_script import SqlScript, write_sql_script
from seed.targets.statement_run import RunLedger
from seed.targets.volume_run import Staging, stage_and_load, staged_folder
from seed.write.statements import StatementWriter


def write_volume_script(
    script: SqlScript, options: SeedOptions, settings: RunSettings, volume: str
) -> SeedReport:
    """Stage the run's Parquet files and write the script that loads them from ``volume``."""
    assert settings.stage_dir is not None, "choose_load lets a volume script through only so"
    local = settings.stage_dir / settings.run_id
    if local.exists():
        raise SeedError(f"{local} exists already: choose another --stage-dir or --run-id")
    folder = staged_folder(volume, settings.run_id)

    def body(writer: StatementWriter, ledger: RunLedger) -> RunResult:
        result = stage_and_load(writer, ledger, None, Staging(local, folder, STAGED_FILE_BYTES))
        ledger.finish(COMPLETE, result)
        return result

    note = (
        f"Loads through the Volume {volume}: first upload the folder {local}\n"
        f"to {folder} (databricks fs cp -r {local} dbfs:{folder}), then run this\n"
        f"script; afterwards delete {folder} (databricks fs rm -r dbfs:{folder})."
    )
    try:
        report = write_sql_script(script, options, settings, body, note)
    except BaseException:
        shutil.rmtree(local, ignore_errors=True)
        raise
    return replace(report, database=f"{report.database}; Parquet files in {local}")
