"""CSV files of a run's rows, one per dashboard table (the Databricks UI upload path)."""

import csv
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Table

from models import DASHBOARD_TABLES
from seed.write.encoding import Row, RowEncoder
from seed.write.staged_folder import StagedFolder


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, Decimal)):
        return str(value)
    return str(value)


class CsvSink:
    """One CSV file per dashboard table with this run's rows (the Databricks UI upload path).

    Files are written in a temporary folder beside the target and moved into place only by
    ``commit()``, so a failed run leaves no half-written files.
    """

    encoder: RowEncoder | None = None

    def __init__(self, directory: Path) -> None:
        self.staged = StagedFolder(directory, "CSV")
        self.columns = {t.name: [c.name for c in t.columns] for t in DASHBOARD_TABLES}
        self.files: dict[str, IO[str]] = {}
        self.writers: dict[str, Any] = {}
        #: Budget lines change amount at the end of a run, so they are written last.
        self.budget_rows: list[Row] = []
        for table in DASHBOARD_TABLES:
            path = self.staged.path / f"{table.name}.csv"
            handle = path.open("w", newline="", encoding="utf-8")
            self.files[table.name] = handle
            self.writers[table.name] = csv.writer(handle, lineterminator="\n")
            self.writers[table.name].writerow(self.columns[table.name])

    def insert(self, table: Table, rows: Sequence[Row]) -> None:
        if table.name not in self.writers:
            return
        if table.name == "budget_lines":
            self.budget_rows.extend(dict(row) for row in rows)
            return
        columns = self.columns[table.name]
        self.writers[table.name].writerows([csv_value(row[c]) for c in columns] for row in rows)

    def set_budget_amounts(self, amounts: dict[str, Decimal]) -> None:
        for row in self.budget_rows:
            if row["id"] in amounts:
                row["budget_amount"] = amounts[row["id"]]

    def commit(self) -> list[Path]:
        columns = self.columns["budget_lines"]
        self.writers["budget_lines"].writerows(
            [csv_value(row[c]) for c in columns] for row in self.budget_rows
        )
        for handle in self.files.values():
            handle.close()
        return self.staged.commit([self.staged.path / f"{t.name}.csv" for t in DASHBOARD_TABLES])

    def discard(self) -> None:
        for handle in self.files.values():
            handle.close()
        self.staged.discard()
