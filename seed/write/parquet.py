"""A run's tables as Parquet files, written from Arrow batches as the run streams.

Two layouts: ``--parquet DIR`` writes one ``<table>.parquet`` per table (what the Databricks
"Add data" page takes); a Volume load writes ``<table>/part-NNNNN.parquet`` files of bounded size,
each handed on (uploaded) as soon as it is closed, so neither memory nor the local disk grows
with the run.
"""

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Table

from models import DASHBOARD_TABLES
from seed.write.arrow import arrow_schema, record_batch
from seed.write.encoding import Encoder
from seed.write.staged_folder import StagedFolder

#: zstd: a third smaller than snappy for these rows at the same speed; Spark and Databricks read it.
COMPRESSION = "zstd"

Closed = Callable[[Table, Path], None]


class ParquetFiles:
    """One table's rows in ``folder``: the single file ``<table>.parquet``, or, when ``max_bytes``
    bounds them, ``part-00000.parquet``, ``part-00001.parquet``... Every table gets at least one
    file, so an empty table still says what its columns are."""

    def __init__(
        self,
        table: Table,
        folder: Path,
        max_bytes: int | None = None,
        on_closed: Closed | None = None,
    ) -> None:
        self.table = table
        self.folder = folder
        self.max_bytes = max_bytes
        self.on_closed = on_closed
        self.paths: list[Path] = []
        self._writer: pq.ParquetWriter | None = None

    def write(self, batch: pa.RecordBatch) -> None:
        if batch.num_rows == 0:
            return
        writer = self._writer or self._open()
        writer.write_batch(batch)
        if self.max_bytes is not None and self.paths[-1].stat().st_size >= self.max_bytes:
            self._close()

    def close(self) -> list[Path]:
        if not self.paths:
            self._open()
        self._close()
        return self.paths

    def discard(self) -> None:
        """Close the open file without handing it on (the run failed)."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def _open(self) -> pq.ParquetWriter:
        if self.max_bytes is None:
            name = f"{self.table.name}.parquet"
        else:
            name = f"part-{len(self.paths):05d}.parquet"
        path = self.folder / name
        self.paths.append(path)
        self._writer = pq.ParquetWriter(path, arrow_schema(self.table), compression=COMPRESSION)
        return self._writer

    def _close(self) -> None:
        if self._writer is None:
            return
        self._writer.close()
        self._writer = None
        if self.on_closed is not None:
            self.on_closed(self.table, self.paths[-1])


class ParquetSink:
    """Every dashboard table's rows as Parquet files under ``folder`` (a Sink).

    Rows arrive as Arrow batches (its encoder runs where they are generated). Budget lines
    change amount at the end of a run, so they are held (a few rows) and written by ``close``.
    ``per_table_folders``: ``folder/<table>/part-*.parquet`` files of at most ``max_bytes``,
    else ``folder/<table>.parquet``.
    """

    def __init__(
        self,
        folder: Path,
        *,
        per_table_folders: bool = False,
        max_bytes: int | None = None,
        on_closed: Closed | None = None,
    ) -> None:
        self.encoder: Encoder | None = record_batch
        self.files: dict[str, ParquetFiles] = {}
        for table in DASHBOARD_TABLES:
            where = folder / table.name if per_table_folders else folder
            where.mkdir(parents=True, exist_ok=True)
            bound = max_bytes if per_table_folders else None
            self.files[table.name] = ParquetFiles(table, where, bound, on_closed)
        self.budget_rows: list[dict[str, Any]] = []
        self.other_amounts: dict[str, Decimal] = {}

    def insert(self, table: Table, rows: Sequence[Any]) -> None:
        batch: pa.RecordBatch = rows  # what our encoder made of them
        if table.name == "budget_lines":
            self.budget_rows.extend(batch.to_pylist())
        elif table.name in self.files:
            self.files[table.name].write(batch)

    def set_budget_amounts(self, amounts: dict[str, Decimal]) -> None:
        for row in self.budget_rows:
            if row["id"] in amounts:
                row["budget_amount"] = amounts[row["id"]]
        held = {row["id"] for row in self.budget_rows}
        #: New amounts of budget lines that are not in these files (a reused project's).
        self.other_amounts = {key: value for key, value in amounts.items() if key not in held}

    def close(self) -> list[Path]:
        """Write the budget lines, close every file (parents first); the files written."""
        budget = self.files["budget_lines"]
        budget.write(record_batch(budget.table.name, self.budget_rows))
        return [path for files in self.files.values() for path in files.close()]

    def discard(self) -> None:
        for files in self.files.values():
            files.discard()


class ParquetExport(ParquetSink):
    """``--parquet DIR``: ``DIR/<table>.parquet`` for every dashboard table, moved into place only
    when the run commits."""

    def __init__(self, directory: Path) -> None:
        self.staged = StagedFolder(directory, "Parquet")
        super().__init__(self.staged.path)

    def commit(self) -> list[Path]:
        return self.staged.commit(self.close())

    def discard(self) -> None:
        super().discard()
        self.staged.discard()
