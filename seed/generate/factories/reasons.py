"""Which Hold reason a Hold gets: every reason early in a run, then by weight.

The run's first Holds (by index, counted from the status plan) take the eligible reasons in a
seeded order, one each, so any run with at least as many Holds as reasons shows every reason
and a smaller run shows as many as it has Holds. Later Holds draw by the reasons' weights.
"""

from itertools import accumulate

from seed.generate.factories.holds import HoldScenario
from seed.generate.plan import StatusPlan
from seed.generate.values import Draws, record_rng


class ReasonDraw:
    def __init__(self, scenarios: tuple[HoldScenario, ...], plan: StatusPlan, seed: int) -> None:
        self.plan = plan
        self.scenarios = scenarios
        self.cum_weights = list(accumulate(s.reason.weight for s in scenarios))
        order = list(scenarios)
        record_rng(seed, "hold-reason-order", 0).shuffle(order)
        self.first = tuple(order)

    def of(self, rng: Draws, index: int) -> HoldScenario:
        """The scenario of the Hold at ``index``."""
        rank = self.plan.rank(index)
        if rank < len(self.first):
            scenario = self.first[rank]
        else:
            scenario = rng.weighted(self.scenarios, self.cum_weights)
        return scenario
