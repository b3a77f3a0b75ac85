"""Money: integer cents while generating, ``Decimal`` with two places in rows, text in payloads.

The one place amounts change representation, so a cent is never lost to a second spelling.
"""

from decimal import Decimal


def to_cents(amount: Decimal | float) -> int:
    """``Decimal("123.45")`` -> ``12345``, to the nearest cent. Rounded, not truncated: a
    database may hand an amount back as a float (SQLite's ``SUM`` of a ``Numeric`` column, the
    fake Databricks connection), and ``0.29 * 100`` is ``28.999999999999996``."""
    return round(amount * 100)


_CENT = Decimal("0.01")


def cents_to_decimal(cents: int) -> Decimal:
    """``12345`` -> ``Decimal("123.45")``: exactly ``Decimal(cents).scaleb(-2)`` (two places,
    also for whole amounts), at a third of its cost; it runs 16 times per invoice."""
    return _CENT * cents


def cents_to_float(cents: int) -> float:
    """``12345`` -> ``123.45``: exactly ``float(cents_to_decimal(cents))`` (both are the float
    nearest the same quotient), as SQLite binds a ``Numeric`` amount, without a ``Decimal``."""
    return cents / 100


#: "00" to "99": the cents of an amount's text.
_CENTS_TEXT = tuple(f"{cents:02d}" for cents in range(100))


def amount_text(cents: int) -> str:
    """``12345`` -> ``"123.45"``: an amount as the Infinium API writes it (the cents from a
    table: a third cheaper than ``"%d.%02d" % divmod(...)``; it runs for every line of a
    request)."""
    return f"{cents // 100}.{_CENTS_TEXT[cents % 100]}"


def format_money(cents: int, currency: str = "USD") -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    symbol = "$" if currency == "USD" else f"{currency} "
    return f"{sign}{symbol}{cents // 100:,}.{cents % 100:02d}"
