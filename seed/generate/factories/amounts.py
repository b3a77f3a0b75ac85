"""What an invoice should come to: lognormal around its trade's median, below the approval limit.

Amounts under the limit follow the lognormal truncated at the limit (drawn through its inverse
CDF), so their density runs right up to it: no empty band below the limit, as in real ledgers
where some vendors bill just under it. Approval-limit Holds are spread well above it.
"""

import math
from statistics import NormalDist

from seed.domain.trades import Trade
from seed.generate.values import Draws

#: Spread of log amounts around a trade's median.
SIGMA = 0.9
#: Approval-limit Holds: the limit times 1 + |N(0, this)| (+ 2%): most 2-80% above it.
LIMIT_SPREAD = 0.45
_SMALLEST_CENTS = 5_000
_STANDARD = NormalDist()


class Amounts:
    def __init__(self, limit_cents: int) -> None:
        self.limit_cents = limit_cents
        #: Invoices other than approval-limit Holds stay at or below this.
        self.cap_cents = limit_cents - 100
        self._top: dict[str, float] = {}

    def _top_quantile(self, trade: Trade) -> float:
        """The share of the trade's untruncated amounts that lie under the cap."""
        top = self._top.get(trade.name)
        if top is None:
            z = (math.log(self.cap_cents) - math.log(trade.median_cents)) / SIGMA
            top = self._top[trade.name] = _STANDARD.cdf(z)
        return top

    def below_limit(self, rng: Draws, trade: Trade) -> int:
        u = max(rng.random() * self._top_quantile(trade), 1e-9)
        cents = trade.median_cents * math.exp(SIGMA * _STANDARD.inv_cdf(u))
        return max(round(cents), _SMALLEST_CENTS)

    def above_limit(self, rng: Draws) -> int:
        return round(self.limit_cents * (1.02 + abs(rng.gauss(0, LIMIT_SPREAD))))
