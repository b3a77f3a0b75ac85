"""Small value helpers shared by the factories: derived randomness, cents and timestamps."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal


def record_rng(seed: int, kind: str, index: int) -> random.Random:
    """A random stream for one record: a function of the run's seed and the record's index only.

    This is what makes a chunk producible on its own, in any process, with the same content
    whatever the chunk size.
    """
    return random.Random(f"{seed}/{kind}/{index}")


def cents_to_decimal(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def format_money(cents: int, currency: str = "USD") -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    symbol = "$" if currency == "USD" else f"{currency} "
    return f"{sign}{symbol}{cents // 100:,}.{cents % 100:02d}"


def business_time(
    rng: random.Random, day: date, first_hour: int = 8, last_hour: int = 17
) -> datetime:
    """A moment during working hours on ``day`` (naive UTC)."""
    seconds = rng.randrange(first_hour * 3600, (last_hour + 1) * 3600)
    return datetime.combine(day, time()) + timedelta(seconds=seconds)
