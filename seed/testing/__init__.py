"""Test support for the dashboard's own tests: the factories bound to a session, and (in
``seed.testing.plugin``, loaded by pytest through its ``pytest11`` entry point) fixtures that
give each test a fresh, migrated database."""

from seed.testing.holdbusters import Holdbusters

__all__ = ["Holdbusters"]
