"""A fake Unity Catalog Volume: databricks-sdk's Files API over a dict of paths, and what
``COPY INTO`` does with the Parquet files in it (for the fake Databricks connection).

Like the real Files API, folders appear when a file is uploaded into them, only an empty folder
can be deleted, and a missing file or folder is ``NotFound``. Like the real ``COPY INTO``, a
load reads every Parquet file of the folder that the table has not loaded before, and refuses
files whose columns are not exactly the table's.
"""

import io
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq
from databricks.sdk.errors import InternalError, NotFound, ResourceConflict
from databricks.sdk.service.files import DirectoryEntry
from databricks.sql.exc import ServerOperationError
from sqlglot import expressions as exp

VOLUME = "/Volumes/main/holdbusters/staging"

#: Given the operation's number (1-based, over uploads and deletes), its name and its path:
#: the error to raise instead of doing it, or None.
Fail = Callable[[int, str, str], Exception | None]


def injected(number: int) -> Fail:
    """Fail the ``number``-th file operation."""

    def fail(at: int, operation: str, path: str) -> Exception | None:
        return InternalError(f"[INJECTED_FAILURE] {operation} {path}") if at == number else None

    return fail


@dataclass
class FakeVolumeFiles:
    fail: Fail = lambda _number, _operation, _path: None
    files: dict[str, bytes] = field(default_factory=dict)
    folders: set[str] = field(default_factory=set)
    operations: list[tuple[str, str]] = field(default_factory=list)
    #: The Volumes that exist.
    volumes: set[str] = field(default_factory=lambda: {VOLUME})
    #: Requests that only read (folder metadata, listings): not numbered for ``fail``.
    reads: int = 0
    #: Every file ever uploaded, to put back after it was deleted.
    uploaded: dict[str, bytes] = field(default_factory=dict)

    def get_directory_metadata(self, directory_path: str) -> None:
        self.reads += 1
        if directory_path not in self.volumes | self.folders:
            raise NotFound(f"The directory {directory_path} does not exist")

    def upload(self, file_path: str, contents: BinaryIO, *, overwrite: bool | None = None) -> None:
        self._do("upload", file_path)
        if not any(file_path.startswith(volume + "/") for volume in self.volumes):
            raise NotFound(f"Volume of {file_path} does not exist")
        self.files[file_path] = self.uploaded[file_path] = contents.read()
        parent = file_path.rsplit("/", 1)[0]
        while parent.count("/") > 4:  # /Volumes/<catalog>/<schema>/<volume> always exists
            self.folders.add(parent)
            parent = parent.rsplit("/", 1)[0]

    def delete(self, file_path: str) -> None:
        self._do("delete", file_path)
        if self.files.pop(file_path, None) is None:
            raise NotFound(f"The file {file_path} does not exist")

    def delete_directory(self, directory_path: str) -> None:
        self._do("delete_directory", directory_path)
        if directory_path not in self.folders:
            raise NotFound(f"The directory {directory_path} does not exist")
        if any(self._children(directory_path)):
            raise ResourceConflict(f"The directory {directory_path} is not empty")
        self.folders.remove(directory_path)

    def list_directory_contents(self, directory_path: str) -> Iterator[DirectoryEntry]:
        self.reads += 1
        if directory_path not in self.folders:
            raise NotFound(f"The directory {directory_path} does not exist")
        return self._children(directory_path)

    def under(self, folder: str) -> list[str]:
        """Every file and folder at or below ``folder``."""
        prefix = folder.rstrip("/") + "/"
        return sorted(p for p in (*self.files, *self.folders) if p.startswith(prefix))

    def _children(self, folder: str) -> Iterator[DirectoryEntry]:
        for path in sorted(self.files):
            if path.rsplit("/", 1)[0] == folder:
                yield DirectoryEntry(path=path, is_directory=False)
        for path in sorted(self.folders):
            if path.rsplit("/", 1)[0] == folder:
                yield DirectoryEntry(path=path + "/", is_directory=True)

    def _do(self, operation: str, path: str) -> None:
        self.operations.append((operation, path))
        error = self.fail(len(self.operations), operation, path)
        if error is not None:
            raise error


def copy_into(
    twin: sqlite3.Connection,
    volume: FakeVolumeFiles,
    statement: exp.Copy,
    loaded: dict[str, set[str]],
    columns_of: Callable[[str], list[tuple[str, str]]],
) -> int:
    """Load the Parquet files of the statement's folder into the twin's table; rows loaded.
    ``columns_of``: a table's columns and their Databricks types."""
    table = statement.this.name
    (source,) = statement.args["files"]
    folder = source.this
    params = {p.this.name.upper(): p for p in statement.args["params"]}
    if "FILEFORMAT" not in params or params["FILEFORMAT"].expression.name.upper() != "PARQUET":
        raise ServerOperationError("[COPY_INTO] FILEFORMAT = PARQUET is expected")
    files = [p for p in volume.files if p.startswith(folder) and p.endswith(".parquet")]
    if not files:
        raise ServerOperationError(f"[PATH_NOT_FOUND] no files at {folder}")
    columns = columns_of(table)
    count = 0
    for path in sorted(set(files) - loaded.setdefault(table, set())):
        data = pq.read_table(io.BytesIO(volume.files[path]))
        found = [(f.name, databricks_type(f.type)) for f in data.schema]
        if found != columns:
            raise ServerOperationError(f"[COPY_INTO_SCHEMA_MISMATCH] {path}: {found} != {columns}")
        rows = [tuple(_stored(v) for v in row.values()) for row in data.to_pylist()]
        marks = ", ".join("?" * len(columns))
        twin.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        loaded[table].add(path)
        count += len(rows)
    return count


def databricks_type(arrow: pa.DataType) -> str:
    """The Databricks column type a Parquet column of this Arrow type loads into unchanged."""
    if pa.types.is_decimal(arrow):
        return f"DECIMAL({arrow.precision},{arrow.scale})"
    if pa.types.is_timestamp(arrow):
        return "TIMESTAMP" if arrow.tz else "TIMESTAMP_NTZ"
    names = {pa.string(): "STRING", pa.int32(): "INT", pa.int64(): "BIGINT", pa.date32(): "DATE"}
    return names.get(arrow, str(arrow))


def _stored(value: Any) -> Any:
    """How the twin stores what a literal INSERT would have stored."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
