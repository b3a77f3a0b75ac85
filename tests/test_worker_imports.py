"""A worker process encodes its chunks with what the run and the encoder carry: it imports
neither SQLAlchemy nor the models (about 0.3 s of CPU per worker), and encodes exactly what the
main process would."""

import pickle
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import URL

from seed.generate.batches import build_batch
from seed.generate.factories import InvoiceFactory, ProjectContext, RunContext
from seed.generate.options import SeedOptions
from seed.write.encoding import Encoder
from seed.write.sqlite_chunks import SqliteChunkEncoder

_WORKER = """
import pickle, sys
from seed.generate import batches
batches._start_worker(*pickle.loads(sys.stdin.buffer.read()))
batch = batches._build_in_worker((0, 40))
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "models"))
sys.stdout.buffer.write(pickle.dumps((heavy, batch)))
"""


def _run() -> RunContext:
    options = SeedOptions(seed=9, as_of=date(2026, 11, 24), per_status=30)
    project = ProjectContext("RW-P", options.project_number, {"Labor": "RW-B1"})
    return RunContext("RW", options, project)


def _copy_encoder(url: URL) -> Encoder:
    from seed.write.copy_chunks import CopyTextEncoder

    return CopyTextEncoder(url)


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_a_worker_encodes_chunks_without_the_schema_or_sqlalchemy(
    backend: str, request: pytest.FixtureRequest
) -> None:
    """The worker gets the run and the encoder pickled, as the process pool sends them."""
    encoder = (
        SqliteChunkEncoder()
        if backend == "sqlite"
        else _copy_encoder(request.getfixturevalue("pg_url"))
    )
    done = subprocess.run(
        [sys.executable, "-c", _WORKER],
        input=pickle.dumps((_run(), encoder)),
        capture_output=True,
        check=True,
    )
    heavy, batch = pickle.loads(done.stdout)
    assert heavy == []
    here = build_batch(InvoiceFactory(_run()), 0, 40, encoder)
    for name, chunk in here.tables():
        assert getattr(batch, name) == chunk
