"""The tool's own ledger: one row per seeding run (not one of the dashboard's tables)."""

from datetime import datetime
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base
from models.types import JSONText


class SeedRun(Base):
    __tablename__ = "seed_runs"

    #: Every row a run writes has a key that begins with this id.
    run_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    #: running, complete, failed (rows removed) or incomplete (rows may remain).
    outcome: Mapped[str] = mapped_column(String(20))
    user_name: Mapped[str] = mapped_column(String(100))
    host_name: Mapped[str] = mapped_column(String(200))
    tool_version: Mapped[str] = mapped_column(String(20))
    project_id: Mapped[str] = mapped_column(String(64))
    options: Mapped[Any] = mapped_column(JSONText)
    row_counts: Mapped[Any | None] = mapped_column(JSONText)
    message: Mapped[str | None] = mapped_column(Text)
