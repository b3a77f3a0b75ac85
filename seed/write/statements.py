"""A sink that turns a run into a few large SQL statements with literals, parents first.

Rows are buffered per table and sent as multi-row ``INSERT ... VALUES`` statements of at most
``max_bytes`` each. Before a table's rows are sent, the rows buffered for its parent tables are
sent, so every row reaches the database after the rows it refers to. The same statements go to a
database (the Databricks writer) or into a file (``seed --sql-file``).
"""

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from models import TABLES
from seed.write.encoding import Row, RowEncoder
from seed.write.literals import literal_style

#: Upper bound of one statement's SQL text. Far below what Databricks accepts (statements of
#: several MB), large enough that 5,000 invoices take about two dozen statements.
MAX_STATEMENT_BYTES = 1_000_000

Execute = Callable[[str], None]


class StatementWriter:
    """Renders rows as literals in ``dialect``'s spelling; ``execute`` gets each statement."""

    #: Takes dict rows (the Sink protocol's choice for sinks that render them themselves).
    encoder: RowEncoder | None = None

    def __init__(
        self, dialect: Dialect, execute: Execute, max_bytes: int = MAX_STATEMENT_BYTES
    ) -> None:
        self.dialect = dialect
        self.style = literal_style(dialect.name)
        self.quote = dialect.identifier_preparer.quote
        self.execute = execute
        self.max_bytes = max_bytes
        self.statements = 0
        #: Budget lines whose amount an UPDATE of this writer set (or tried to): what a cleanup
        #: must set back where they are not the run's own.
        self.budget_lines_updated: set[str] = set()
        self._buffers: dict[str, list[str]] = {name: [] for name in TABLES}
        self._sizes: dict[str, int] = dict.fromkeys(TABLES, 0)

    # Sink protocol -------------------------------------------------------------------------

    def insert(self, table: Table, rows: Sequence[Row]) -> None:
        name = table.name
        room = self.max_bytes - len(self._header(table).encode("utf-8"))
        for row in rows:
            values = self.values(table, row)
            size = len(values.encode("utf-8")) + 2
            if self._buffers[name] and self._sizes[name] + size > room:
                self._flush_through(name)
            self._buffers[name].append(values)
            self._sizes[name] += size

    def set_budget_amounts(self, amounts: dict[str, Decimal]) -> None:
        """The budget update, after every buffered row is written."""
        self.flush()
        self.update_budget_amounts(amounts)

    def update_budget_amounts(self, amounts: dict[str, Decimal]) -> None:
        """One UPDATE with a CASE over the keys; nothing when there are none."""
        if not amounts:
            return
        self.budget_lines_updated.update(amounts)
        table = TABLES["budget_lines"]
        key, amount = table.c.id, table.c.budget_amount
        cases = " ".join(
            f"WHEN {self.literal(line_id, key)} THEN {self.literal(value, amount)}"
            for line_id, value in sorted(amounts.items())
        )
        keys = ", ".join(self.literal(line_id, key) for line_id in sorted(amounts))
        self.send(
            f"UPDATE {self.name(table)} SET {self.quote(amount.name)} = "
            f"CASE {self.quote(key.name)} {cases} END WHERE {self.quote(key.name)} IN ({keys})"
        )

    # Statements ----------------------------------------------------------------------------

    def flush(self) -> None:
        """Send every buffered row, parents first."""
        for name in TABLES:
            self._flush_one(name)

    def insert_now(self, table: Table, rows: Sequence[Row]) -> None:
        """One INSERT of ``rows`` now, outside the run's buffers (the ledger's row)."""
        self.send(self._insert_sql(table, [self.values(table, row) for row in rows]))

    def update_now(self, table: Table, key: str, values: Mapping[str, Any]) -> None:
        """One UPDATE of the row whose primary key is ``key``."""
        (key_column,) = table.primary_key.columns
        assignments = ", ".join(
            f"{self.quote(name)} = {self.literal(value, table.c[name])}"
            for name, value in values.items()
        )
        self.send(
            f"UPDATE {self.name(table)} SET {assignments} "
            f"WHERE {self.quote(key_column.name)} = {self.literal(key, key_column)}"
        )

    def execute_now(self, sql: str) -> None:
        """One statement of the caller's, counted with the others."""
        self.send(sql)

    def values(self, table: Table, row: Row) -> str:
        return "(" + ", ".join(self.literal(row[c.name], c) for c in table.columns) + ")"

    def literal(self, value: Any, column: Column[Any]) -> str:
        if isinstance(column.type, TypeDecorator):
            value = column.type.process_bind_param(value, self.dialect)
        return self.style.render(value, column)

    def name(self, table: Table) -> str:
        return self.dialect.identifier_preparer.format_table(table)

    def _flush_through(self, name: str) -> None:
        """Send the buffered rows of ``name`` and of every table before it (its parents)."""
        for earlier in TABLES:
            self._flush_one(earlier)
            if earlier == name:
                return

    def _flush_one(self, name: str) -> None:
        buffer = self._buffers[name]
        if buffer:
            self.send(self._insert_sql(TABLES[name], buffer))
            self._buffers[name] = []
            self._sizes[name] = 0

    def _header(self, table: Table) -> str:
        columns = ", ".join(self.quote(c.name) for c in table.columns)
        return f"INSERT INTO {self.name(table)} ({columns}) VALUES\n"

    def _insert_sql(self, table: Table, values: list[str]) -> str:
        return self._header(table) + ",\n".join(values)

    def send(self, sql: str) -> None:
        """Execute one statement (ours, or one the caller made, like COPY INTO), counted."""
        self.execute(sql)
        self.statements += 1
