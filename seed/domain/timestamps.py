"""Dates and naive timestamps as ISO text, made from cached pieces; durations, cached.

The C ``isoformat`` formats through ``sprintf``: a timestamp costs as much as a dozen dict
lookups, and an invoice has about nine dates and timestamps to write. A run's values fall on a
few hundred days, whose text is cached; a time of day is put together from two-digit strings.
Likewise ``timedelta(0, seconds)`` parses its arguments and adds in Python integers (three
times the cost of a lookup), and an invoice's moments are a few hundred kinds of seconds apart.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta

#: Days a cache keeps before it starts over (a run's values span a few hundred).
_MOST_DAYS = 10_000
#: Durations likewise: the generator's are under a day.
_MOST_DURATIONS = 100_000
#: "00" to "59": hours, minutes and seconds.
_TWO_DIGITS = tuple(f"{number:02d}" for number in range(60))


class _DayTexts(dict[date, str]):
    """The text of each day, made on its first lookup."""

    def __missing__(self, day: date) -> str:
        if len(self) >= _MOST_DAYS:
            self.clear()
        text = self[day] = day.isoformat()
        return text


_DAYS = _DayTexts()


class _Durations(dict[int, timedelta]):
    """``timedelta(0, seconds)`` per number of seconds, made on its first lookup."""

    def __missing__(self, seconds: int) -> timedelta:
        if len(self) >= _MOST_DURATIONS:
            self.clear()
        duration = self[seconds] = timedelta(0, seconds)
        return duration


#: ``timedelta(seconds=seconds)`` for a whole number of seconds: the cache's own lookup.
seconds: Callable[[int], timedelta] = _Durations().__getitem__

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
