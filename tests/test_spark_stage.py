"""The generating job's write settings fit the rows it writes: the columns written without
Parquet dictionaries are staged columns whose values are nearly all distinct."""

from datetime import date

from seed.engines.spark.generate import staged_schema
from seed.engines.spark.stage import DISTINCT_VALUED
from seed.generate.batches import build_batch
from seed.generate.factories import InvoiceFactory, ProjectContext, RunContext
from seed.generate.options import SeedOptions
from seed.write.arrow import record_batch


def test_columns_without_dictionaries_are_staged_and_nearly_all_distinct() -> None:
    options = SeedOptions(seed=3, as_of=date(2026, 11, 24), per_status=200)
    project = ProjectContext("ST-P", options.project_number, {"Labor": "ST-B1"})
    batch = build_batch(InvoiceFactory(RunContext("ST", options, project)), 0, 1_000, record_batch)
    values: dict[str, list[object]] = {name: [] for name in DISTINCT_VALUED}
    for _, rows in batch.tables():
        for name in set(DISTINCT_VALUED) & set(rows.schema.names):
            values[name] += [value for value in rows.column(name).to_pylist() if value is not None]
    assert set(DISTINCT_VALUED) <= set(staged_schema().names)
    for name, found in values.items():
        assert len(found) >= 100, name
        assert len(set(found)) >= 0.9 * len(found), name
