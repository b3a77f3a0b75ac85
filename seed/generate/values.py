"""Derived randomness and working-hours timestamps, shared by the factories."""

import random
from bisect import bisect
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from _typeshed import SupportsLenAndGetItem

T = TypeVar("T")


class Draws(random.Random):
    """The Mersenne Twister with integer draws scaled from one ``random()`` each.

    The standard ``randint``/``randrange``/``choice`` reject and retry on ``getrandbits`` and
    cost several times more; at a million invoices that is most of the generation time. The
    bias of scaling (at most a few parts in 2**53) is far below anything a dashboard shows.
    """

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:
        if stop is None:
            start, stop = 0, start
        return start + step * int(self.random() * ((stop - start + step - 1) // step))

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: "SupportsLenAndGetItem[T]") -> T:
        return seq[int(self.random() * len(seq))]

    def weighted(self, population: Sequence[T], cum_weights: Sequence[float]) -> T:
        """One item of ``population`` drawn with these cumulative weights."""
        return population[bisect(cum_weights, self.random() * cum_weights[-1])]


def record_rng(seed: int, kind: str, index: int) -> Draws:
    """A random stream for one record: a function of the run's seed and the record's index only.

    This is what makes a chunk producible on its own, in any process, with the same content
    whatever the chunk size.
    """
    return Draws(f"{seed}/{kind}/{index}")


def business_time(
    rng: random.Random, day: date, first_hour: int = 8, last_hour: int = 17
) -> datetime:
    """A moment during working hours on ``day`` (naive UTC)."""
    seconds = rng.randrange(first_hour * 3600, (last_hour + 1) * 3600)
    return datetime.combine(day, time()) + timedelta(seconds=seconds)
