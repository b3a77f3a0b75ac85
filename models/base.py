"""Declarative base: one naming convention and one type map for every table.

Every constraint gets a stable name so that SQLite, PostgreSQL and Databricks migrations are
identical (Databricks requires named foreign keys).
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import Date, DateTime, MetaData, Numeric, String
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Money is exact: 12 digits, 2 decimals, ``Decimal`` end to end.
Money = Numeric(12, 2)


class Base(DeclarativeBase):
    """Base class of the Hold Busters models."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        str: String(),
        Decimal: Money,
        # Naive UTC: the Databricks dialect maps DateTime to TIMESTAMP_NTZ anyway.
        datetime: DateTime(timezone=False),
        date: Date(),
    }
