"""The AP calendar: business days, US site holidays, payment runs and working hours.

Work happens 07:00-18:00 in ``TIME_ZONE`` on business days; timestamps are stored as naive UTC.
Those hours are 12:00-23:59 UTC in summer and winter alike, so a stored timestamp's UTC date is
its local date, and a weekday check on stored values is a weekday check in the time zone.
"""

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from seed.domain.timestamps import seconds

TIME_ZONE = "America/Chicago"
WORK_START_HOUR = 7
WORK_END_HOUR = 18
#: Monday is 0: accounts payable releases payments on Tuesdays and Thursdays.
PAYMENT_RUN_WEEKDAYS = (1, 3)
SATURDAY = 5


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` (1-based; -1 the last) ``weekday`` of a month."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    """A holiday on Saturday is kept on Friday, on Sunday on Monday."""
    if day.weekday() == SATURDAY:
        return day - timedelta(days=1)
    if day.weekday() == SATURDAY + 1:
        return day + timedelta(days=1)
    return day


@lru_cache(maxsize=64)
def site_holidays(year: int) -> frozenset[date]:
    """The US federal holidays construction sites and AP offices close on, as observed."""
    return frozenset(
        {
            _observed(date(year, 1, 1)),
            _nth_weekday(year, 5, 0, -1),  # Memorial Day
            _observed(date(year, 7, 4)),
            _nth_weekday(year, 9, 0, 1),  # Labor Day
            _nth_weekday(year, 11, 3, 4),  # Thanksgiving
            _observed(date(year, 12, 25)),
        }
    )


def is_business_day(day: date) -> bool:
    return day.weekday() < SATURDAY and day not in site_holidays(day.year)


class Calendar:
    """Business-day arithmetic over a window of days, precomputed once: lookups are indexing."""

    def __init__(self, first: date, last: date) -> None:
        self.first = first
        self.days = (last - first).days + 1
        zone = ZoneInfo(TIME_ZONE)
        self._dates = [first + timedelta(days=offset) for offset in range(self.days)]
        self._business: list[int] = []
        self._runs: list[int] = []
        #: Per day offset: the index in ``_business`` of the first business day on or after it.
        self._next_business: list[int] = []
        self._next_run: list[int] = []
        #: Per day offset: its local midnight as naive UTC.
        self._midnight: list[datetime] = []
        #: Per month (year * 12 + month): its last business days, latest first.
        self._month_ends: dict[int, list[date]] = {}
        for offset, day in enumerate(self._dates):
            self._next_business.append(len(self._business))
            self._next_run.append(len(self._runs))
            if is_business_day(day):
                self._business.append(offset)
                self._month_ends.setdefault(day.year * 12 + day.month, []).insert(0, day)
                if day.weekday() in PAYMENT_RUN_WEEKDAYS:
                    self._runs.append(offset)
            utc_offset = datetime(day.year, day.month, day.day, 12, tzinfo=zone).utcoffset()
            assert utc_offset is not None
            self._midnight.append(datetime(day.year, day.month, day.day) - utc_offset)

    def _offset(self, day: date) -> int:
        offset = (day - self.first).days
        if not 0 <= offset < self.days:
            raise ValueError(f"{day} is outside the calendar ({self.first} + {self.days} days)")
        return offset

    def _day(self, offset: int) -> date:
        return self._dates[offset]

    def business_on_or_after(self, day: date) -> date:
        return self._day(self._business[self._next_business[self._offset(day)]])

    def business_on_or_before(self, day: date) -> date:
        if self.is_business_day(day):
            return day
        return self._day(self._business[self._next_business[self._offset(day)] - 1])

    def add_business_days(self, day: date, count: int) -> date:
        """``count`` business days after ``day`` (rolled forward to a business day first)."""
        return self._day(self._business[self._next_business[self._offset(day)] + count])

    def business_positions(self, low: date, high: date) -> range:
        """Positions (for ``business_day``) of the business days from ``low`` to ``high``."""
        start = self._next_business[self._offset(low)]
        after = self._offset(high) + 1
        stop = self._next_business[after] if after < self.days else len(self._business)
        return range(start, stop)

    def business_day(self, position: int) -> date:
        return self._day(self._business[position])

    def business_days_between(self, low: date, high: date) -> list[date]:
        """The business days from ``low`` to ``high``, both included."""
        return [self.business_day(p) for p in self.business_positions(low, high)]

    def is_business_day(self, day: date) -> bool:
        offset = self._offset(day)
        position = self._next_business[offset]
        return position < len(self._business) and self._business[position] == offset

    @property
    def last(self) -> date:
        return self._day(self.days - 1)

    def payment_run_on_or_before(self, day: date) -> date:
        offset = self._offset(day)
        position = self._next_run[offset]
        if position < len(self._runs) and self._runs[position] == offset:
            return day
        return self._day(self._runs[position - 1])

    def payment_run_on_or_after(self, day: date) -> date:
        return self._day(self._runs[self._next_run[self._offset(day)]])

    def last_business_days_of_month(self, day: date, count: int) -> list[date]:
        """The last ``count`` business days of ``day``'s month, latest first."""
        return self._month_ends.get(day.year * 12 + day.month, [])[:count]

    def at(self, day: date, local_seconds: int) -> datetime:
        """``local_seconds`` after local midnight of ``day``, as naive UTC."""
        # Whole hours and the rest: two cached durations of a few thousand kinds in all.
        rest = local_seconds % 3600
        return self._midnight[self._offset(day)] + seconds(local_seconds - rest) + seconds(rest)
