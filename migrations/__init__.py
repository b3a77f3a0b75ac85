"""Alembic migrations of the Hold Busters schema (shipped in the package so `seed` finds them)."""
