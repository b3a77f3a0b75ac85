"""Splits a given invoice total over its lines to the cent, each line still quantity x price.

Every line but one keeps its unit price and takes the quantity (in its item's steps) nearest its
share of the total; the largest line takes what remains, exactly: a quantity near its own in
steps where quantity x price rounds to that amount, else the most whole units that divide it.
"""

from seed.generate.factories.drafts import LineDraft, line_amounts

#: Quantities tried on each side of the one that keeps the remainder line's unit price.
_TRIES = 100
#: Hundredths in one unit.
_UNIT = 100
#: How far the remainder line's price may move from its own: a little first, then any amount.
_STRETCHES = (1.25, 2.0, float("inf"))


def amount_of(quantity_hundredths: int, price_cents: int) -> int:
    """Quantity times unit price, rounded half up to the cent (as ``LineDraft`` does)."""
    return (quantity_hundredths * price_cents + 50) // 100


def _near(line: LineDraft, amount: int) -> None:
    """The quantity, in steps, whose amount at the line's price is nearest ``amount``."""
    step = line.step
    units = max(round(amount * 100 / line.price_cents / step), 1)
    line.quantity_hundredths = units * step


def _exact(line: LineDraft, amount: int, stretch: float) -> bool:
    """Give ``line`` a quantity in its steps and a price at most ``stretch`` times above or
    below its own at which it comes to ``amount`` exactly; False (line unchanged) if none."""
    step = line.step
    low, high = line.price_cents / stretch, line.price_cents * stretch
    ideal = max(round(amount * 100 / line.price_cents / step), 1)
    for distance in range(_TRIES):
        for units in (ideal - distance, ideal + distance):
            if units < 1:
                continue
            quantity = units * step
            price = max(round(amount * 100 / quantity), 1)
            if low <= price <= high and amount_of(quantity, price) == amount:
                line.quantity_hundredths, line.price_cents = quantity, price
                return True
    return False


def _whole_units(line: LineDraft, amount: int) -> None:
    """The most whole units, up to the line's own, that divide ``amount``: always exact."""
    units = max(min(line.quantity_hundredths // _UNIT, amount), 1)
    while amount % units:
        units -= 1
    line.quantity_hundredths, line.price_cents = units * _UNIT, amount // units


def _spread(lines: list[LineDraft], total_cents: int, last: int) -> int:
    """Lines other than ``last`` to their share of the total; what remains for ``last``."""
    current = sum(line_amounts(lines))
    others = 0
    for number, line in enumerate(lines):
        if number != last:
            _near(line, line.amount_cents * total_cents // current)
            others += line.amount_cents
    return total_cents - others


def fit_exactly(lines: list[LineDraft], total_cents: int) -> None:
    """Make the lines' amounts add up to ``total_cents``, keeping their proportions."""
    count = len(lines)
    if total_cents < count:
        raise ValueError(
            f"a total of {total_cents} cents cannot be split over {count} lines of at "
            "least one cent each"
        )
    if sum(line_amounts(lines)) == total_cents:
        return
    original = [(line.quantity_hundredths, line.price_cents) for line in lines]
    # Fewest hundredths first: the finer a line's amounts, the likelier an exact price.
    order = sorted(range(count), key=lambda i: (lines[i].quantity_hundredths, i))
    for stretch in _STRETCHES:
        for last in order:
            for line, (quantity, price) in zip(lines, original, strict=True):
                line.quantity_hundredths, line.price_cents = quantity, price
            remainder = _spread(lines, total_cents, last)
            if remainder >= 1 and _exact(lines[last], remainder, stretch):
                return
    for line, (quantity, price) in zip(lines, original, strict=True):
        line.quantity_hundredths, line.price_cents = quantity, price
    # Totals too small for the items' usual prices: an equal share per line, in whole units.
    spare = total_cents - count
    for number, line in enumerate(lines):
        _whole_units(line, 1 + spare // count + (1 if number < spare % count else 0))
