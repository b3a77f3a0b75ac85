"""Files written in a hidden folder beside their destination and moved into place only when the
run commits, so a failed run leaves no half-written files (the CSV and Parquet exports)."""

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from seed.errors import SeedError


class StagedFolder:
    def __init__(self, directory: Path, kind: str) -> None:
        self.directory = directory
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self.path = Path(tempfile.mkdtemp(prefix=f".seed-{kind.lower()}-", dir=directory))
        except OSError as exc:
            raise SeedError(
                f"cannot write {kind} files into {directory}: {exc.strerror or exc}; "
                "choose a folder"
            ) from None

    def commit(self, staged: Sequence[Path]) -> list[Path]:
        """Move the ``staged`` files (all in this folder) into the destination; their new paths."""
        placed = []
        for path in staged:
            target = self.directory / path.name
            path.replace(target)
            placed.append(target)
        self.path.rmdir()
        return placed

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
