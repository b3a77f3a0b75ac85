"""Dates and naive timestamps as ISO text, made from cached pieces; durations, cached.

The C ``isoformat`` formats through ``sprintf``: a timestamp costs as much as a dozen dict
lookups, and an invoice has about nine dates and timestamps to write. A run's values fall on a
few hundred days, whose text is cached; a time of day is put together from two-digit strings.
Likewise ``timedelta(0, seconds)`` parses its arguments and adds in Python integers (three
times the cost of a lookup), and an invoice's moments are a few hundred kinds of seconds apart.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

#: Days a cache keeps before it starts over (a run's values span a few hundred).
_MOST_DAYS = 10_000
#: Durations likewise: the generator's are under a day.
_MOST_DURATIONS = 100_000
#: "00" to "59": hours, minutes and seconds.
_TWO_DIGITS = tuple(f"{number:02d}" for number in range(60))


class _MadeOnce(dict[K, V], Generic[K, V]):
    """``make(key)`` per key, made on its first lookup; past ``most`` keys it starts over. A
    dict, so that a hit is the dict's own lookup, with no Python call."""

    def __init__(self, make: Callable[[K], V], most: int) -> None:
        super().__init__()
        self.make = make
        self.most = most

    def __missing__(self, key: K) -> V:
        if len(self) >= self.most:
            self.clear()
        value = self[key] = self.make(key)
        return value


_DAYS: _MadeOnce[date, str] = _MadeOnce(date.isoformat, _MOST_DAYS)

#: ``timedelta(seconds=seconds)`` for a whole number of seconds: the cache's own lookup.
_DURATIONS: _MadeOnce[int, timedelta] = _MadeOnce(
    lambda count: timedelta(0, count), _MOST_DURATIONS
)
seconds: Callable[[int], timedelta] = _DURATIONS.__getitem__

#: ``day.isoformat()`` (``day`` a date, not a datetime): the cache's own lookup, no Python call.
date_text: Callable[[date], str] = _DAYS.__getitem__


def timestamp_text(moment: datetime) -> str:
    """``moment.isoformat(" ", "microseconds")`` for a naive datetime."""
    if moment.microsecond:
        return moment.isoformat(" ", "microseconds")
    two = _TWO_DIGITS
    return (
        f"{_DAYS[moment.date()]} {two[moment.hour]}:{two[moment.minute]}:{two[moment.second]}"
        ".000000"
    )
