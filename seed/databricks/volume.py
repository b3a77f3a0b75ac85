"""A Unity Catalog Volume as a staging area: its path, its files, and one line per refusal.

Files go through the Files API of databricks-sdk (``WorkspaceClient().files``), not the SQL
connector's ``PUT``/``REMOVE``: those are statements the warehouse runs one by one (each queued
like a query), the connector reads the whole file into memory and sends it to a presigned
cloud-storage URL, and sqlglot cannot parse them. The Files API is REST on the workspace host:
a file under 50 MiB (ours are at most ``STAGED_FILE_BYTES``) goes in one request with no
presigned URL, and the warehouse runs only the ``COPY INTO`` statements.
"""

import re
from collections.abc import Iterable, Mapping
from typing import Any, BinaryIO, Protocol

from sqlalchemy.engine import URL

from seed.databricks.connect import OAUTH_M2M, sdk_config
from seed.databricks.environment import DATABRICKS_OAUTH
from seed.errors import SeedError, UsageError

#: The variable a Volume comes from when ``--volume`` is not given.
VOLUME_ENV = "DATABRICKS_VOLUME"
#: Names are kept to letters, digits, ``_`` and ``-``, so a path is a plain SQL string literal.
_VOLUME = re.compile(r"/Volumes/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+")
#: Upper bound of one staged Parquet file: a few files per table, each uploaded in one request.
STAGED_FILE_BYTES = 32 * 1024 * 1024


class Entry(Protocol):
    path: str | None
    is_directory: bool | None


class VolumeFiles(Protocol):
    """What this tool uses of databricks-sdk's ``FilesAPI`` (tests pass a fake)."""

    def get_directory_metadata(self, directory_path: str) -> None:
        """Succeeds when the folder exists and the user can see it."""

    def upload(self, file_path: str, contents: BinaryIO, *, overwrite: bool | None = None) -> Any:
        """Create or replace the file (parent folders are created)."""

    def delete(self, file_path: str) -> None: ...

    def delete_directory(self, directory_path: str) -> None: ...

    def list_directory_contents(self, directory_path: str) -> Iterable[Entry]: ...


def parse_volume(text: str, source: str) -> str:
    """``/Volumes/<catalog>/<schema>/<volume>`` (a trailing ``/`` is dropped)."""
    path = text.strip().rstrip("/")
    if not _VOLUME.fullmatch(path):
        raise UsageError(
            f"{source} {text!r} is not a Volume: use /Volumes/<catalog>/<schema>/<volume> "
            "(letters, digits, _ and - in each name)"
        )
    return path


def volume_setting(option: str | None, databricks: bool, environ: Mapping[str, str]) -> str | None:
    """The Volume: ``--volume``, else (for a Databricks destination) ``DATABRICKS_VOLUME``."""
    if option is not None:
        return parse_volume(option, "--volume")
    from_env = environ.get(VOLUME_ENV, "").strip()
    return parse_volume(from_env, VOLUME_ENV) if databricks and from_env else None


def volume_name(volume: str) -> str:
    """``catalog.schema.volume``, as GRANT and CREATE VOLUME spell it."""
    return ".".join(volume.split("/")[2:5])


def open_volume_files(url: URL, environ: Mapping[str, str]) -> VolumeFiles:
    """The Files API of the workspace of ``url``, with the same credentials as the connection."""
    host = str(url.host)
    if url.query.get("auth") == OAUTH_M2M:
        client_id, secret = (environ.get(name, "") for name in DATABRICKS_OAUTH)
        config = sdk_config(host, client_id=client_id, client_secret=secret, auth_type=OAUTH_M2M)
    else:
        config = sdk_config(host, token=str(url.password or ""), auth_type="pat")
    from databricks.sdk import WorkspaceClient  # installed: sdk_config checked

    files: VolumeFiles = WorkspaceClient(config=config).files
    return files


def require_volume(files: VolumeFiles, volume: str) -> None:
    """Refuse a missing Volume before the run writes anything."""
    try:
        files.get_directory_metadata(volume)
    except Exception as exc:
        raise explain_volume_error(exc, volume) from exc


def remove_tree(files: VolumeFiles, folder: str) -> None:
    """Delete ``folder`` and everything in it (the Files API deletes empty folders only)."""
    try:
        entries = list(files.list_directory_contents(folder))
    except Exception as exc:
        if _is_not_found(exc):
            return  # nothing was staged, or it is gone already
        raise
    for entry in entries:
        path = str(entry.path).rstrip("/")
        if entry.is_directory:
            remove_tree(files, path)
        else:
            files.delete(path)
    files.delete_directory(folder)


def _is_not_found(exc: BaseException) -> bool:
    from databricks.sdk.errors import NotFound

    return isinstance(exc, NotFound)


def explain_volume_error(exc: BaseException, volume: str) -> SeedError:
    """A Files API refusal as one line that says what to fix."""
    from databricks.sdk.errors import NotFound, PermissionDenied

    text = " ".join(str(exc).split()) or type(exc).__name__
    name = volume_name(volume)
    if "presigned" in text.lower():
        return SeedError(
            f"the workspace refused an upload to {volume} through a presigned URL (presigned "
            "URLs are not enabled, or a storage firewall blocks this machine): ask an admin to "
            "allow them, or stage offline with --sql-file FILE --stage-dir DIR (README, Databricks)"
        )
    if isinstance(exc, PermissionDenied):
        return SeedError(
            f"no WRITE VOLUME privilege on {name}: ask its owner to run "
            f"GRANT READ VOLUME, WRITE VOLUME ON VOLUME {name} TO `<you>`"
        )
    if isinstance(exc, NotFound):
        return SeedError(
            f"the Volume {volume} does not exist (or this user cannot see it): create it with "
            f"CREATE VOLUME {name}, or set --volume / {VOLUME_ENV} to one that exists"
        )
    return SeedError(f"Files API error on {volume}: {text[:300]}")
