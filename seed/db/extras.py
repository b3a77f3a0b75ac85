"""Which optional extra a backend needs, and the one line that says how to install it."""

from sqlalchemy.dialects import registry
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import NoSuchModuleError

from seed.errors import UsageError

#: Backend name -> the pip extra that installs its dialect and driver.
EXTRAS = {"postgresql": "postgresql", "databricks": "databricks", "spark": "spark"}
KNOWN_URLS = "sqlite:///PATH, postgresql+psycopg://USER@HOST/DB or databricks://..."


def missing_extra(backend: str, module: str | None = None) -> UsageError:
    """The line for a backend whose extra is not installed (``module``: what failed to import)."""
    extra = EXTRAS[backend]
    missing = f" (no module {module})" if module else ""
    return UsageError(
        f"{backend} support is not installed{missing}: pip install 'holdbusters-seeder[{extra}]'"
    )


def dialect_class(drivername: str) -> type[Dialect]:
    """The SQLAlchemy dialect of ``drivername`` (e.g. ``databricks``, ``postgresql+psycopg``),
    loaded without connecting; a missing extra or an unknown scheme is one line."""
    backend = drivername.partition("+")[0]
    try:
        loaded: type[Dialect] = registry.load(drivername.replace("+", "."))
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        if backend in EXTRAS:
            module = exc.name if isinstance(exc, ModuleNotFoundError) else None
            raise missing_extra(backend, module) from None
        raise UsageError(f"unknown database URL scheme {drivername!r}: use {KNOWN_URLS}") from None
    return loaded
