"""Which status invoice ``i`` has, and what that implies for its neighbours, from ``i`` alone.

Statuses repeat in a fixed cycle whose slots follow the shares (smooth weighted round-robin,
heaviest first), so any run whose size is a multiple of the cycle has the shares exactly, every
chunk holds every status, and a worker can place invoice ``i`` without seeing the others.
"""

from dataclasses import dataclass, field

from seed.domain.statuses import STATUSES
from seed.errors import UsageError

#: Shares of a production ledger holding 13 months of invoices. Each open stage holds invoices in
#: proportion to the days they spend in it (Little's law: share = mean days / 395 days): Draft
#: about 5 days, Submitted about 14 days awaiting approval, Approved about 28 days awaiting the
#: payment run before the due date; Hold is kept single-digit; Paid is the rest.
REALISTIC_MIX: dict[str, int] = {"Paid": 82, "Approved": 7, "Submitted": 4, "Hold": 5, "Draft": 2}
MAX_CYCLE = 10_000


def parse_mix(text: str) -> dict[str, int]:
    """``realistic`` or ``Paid=70,Approved=10,...`` (whole-number weights) -> status: weight."""
    if text.strip().lower() == "realistic":
        return dict(REALISTIC_MIX)
    by_key = {s.lower(): s for s in STATUSES}
    weights: dict[str, int] = {}
    for item in text.split(","):
        name, equals, number = item.partition("=")
        status = by_key.get(name.strip().lower())
        if not equals or status is None:
            raise UsageError(
                f"--mix {text!r}: write 'realistic' or Status=weight pairs such as "
                f"Paid=70,Approved=10,Submitted=8,Draft=5,Hold=7 ({', '.join(STATUSES)})"
            )
        if status in weights:
            raise UsageError(f"--mix {text!r} names {status} twice")
        if not number.strip().isdigit():
            raise UsageError(f"--mix {text!r}: the weight of {status} must be a whole number")
        weights[status] = int(number)
    total = sum(weights.values())
    if total == 0 or total > MAX_CYCLE:
        raise UsageError(f"--mix {text!r}: the weights must add up to between 1 and {MAX_CYCLE:,}")
    return {s: weights[s] for s in STATUSES if weights.get(s)}


def _cycle(weights: dict[str, int]) -> tuple[str, ...]:
    """Smooth weighted round-robin: each status as evenly spread as its weight allows."""
    total = sum(weights.values())
    current = dict.fromkeys(weights, 0)
    slots = []
    for _ in range(total):
        for status, weight in weights.items():
            current[status] += weight
        chosen = max(weights, key=lambda s: (current[s], weights[s]))
        current[chosen] -= total
        slots.append(chosen)
    return tuple(slots)


@dataclass(frozen=True)
class StatusPlan:
    cycle: tuple[str, ...]
    _rank: tuple[int, ...] = field(init=False, repr=False)
    _paid_back: tuple[int | None, ...] = field(init=False, repr=False)

    @classmethod
    def interleaved(cls, statuses: tuple[str, ...]) -> "StatusPlan":
        """``--per-status``: one of each chosen status in canonical order, again and again."""
        return cls(statuses)

    @classmethod
    def of_mix(cls, weights: dict[str, int]) -> "StatusPlan":
        """The cycle starts with a Paid invoice where there are any, so every later Hold has a
        Paid invoice before it to duplicate."""
        cycle = _cycle(weights)
        start = cycle.index("Paid") if "Paid" in cycle else 0
        return cls(cycle[start:] + cycle[:start])

    def __post_init__(self) -> None:
        ranks, seen = [], dict.fromkeys(self.cycle, 0)
        for status in self.cycle:
            ranks.append(seen[status])
            seen[status] += 1
        object.__setattr__(self, "_rank", tuple(ranks))
        length = len(self.cycle)
        back: list[int | None] = []
        for slot in range(length):
            steps = next(
                (k for k in range(1, length + 1) if self.cycle[(slot - k) % length] == "Paid"), None
            )
            back.append(steps)
        object.__setattr__(self, "_paid_back", tuple(back))

    def status_of(self, index: int) -> str:
        return self.cycle[index % len(self.cycle)]

    def rank(self, index: int) -> int:
        """How many invoices of its own status come before invoice ``index`` in the run."""
        cycles, slot = divmod(index, len(self.cycle))
        return cycles * self.cycle.count(self.cycle[slot]) + self._rank[slot]

    def paid_before(self, index: int) -> int | None:
        """The nearest Paid invoice before ``index`` (a duplicate's twin), if there is one."""
        steps = self._paid_back[index % len(self.cycle)]
        if steps is None or index - steps < 0:
            return None
        return index - steps

    def count(self, status: str, invoices: int) -> int:
        cycles, rest = divmod(invoices, len(self.cycle))
        return cycles * self.cycle.count(status) + self.cycle[:rest].count(status)
