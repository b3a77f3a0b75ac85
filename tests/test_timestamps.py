"""The ISO text of dates and timestamps is exactly what ``isoformat`` writes."""

import random
from datetime import date, datetime, timedelta

import pytest

from seed.domain import timestamps
from seed.domain.timestamps import date_text, seconds, timestamp_text


def _moments(count: int, seed: int = 7) -> list[datetime]:
    rng = random.Random(seed)
    start = datetime(1, 1, 1)
    return [
        start
        + timedelta(
            seconds=rng.randrange(3_000_000_00000), microseconds=rng.choice([0, 1, 999_999])
        )
        for _ in range(count)
    ]


def test_texts_are_isoformat() -> None:
    for moment in _moments(2000) * 2:  # the second time from the cache
        assert timestamp_text(moment) == moment.isoformat(" ", "microseconds")
        assert date_text(moment.date()) == moment.date().isoformat()
    assert date_text(date(987, 1, 2)) == "0987-01-02"


def test_a_full_cache_starts_over(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timestamps._DAYS, "most", 10)
    for moment in _moments(100, seed=8):
        assert date_text(moment.date()) == moment.date().isoformat()
    assert len(timestamps._DAYS) <= 10


def test_durations_are_timedeltas() -> None:
    for count in [0, 1, 59, 3600, 86_399, 90_000, 0, 59]:
        assert seconds(count) == timedelta(seconds=count)
