"""Trades: what each kind of vendor bills, in which budget category and unit, at what prices.

A vendor bills only its trade's items. Countable units (each, load, day, week, month, trip, lump
sum) have whole quantities; measured ones (hours, feet, yards, tons) have two decimals.
"""

import math
from bisect import bisect_right
from dataclasses import dataclass, field

#: Units that are counted, not measured: their quantities are whole numbers.
COUNTABLE_UNITS = frozenset({"EA", "LOAD", "DAY", "WK", "MO", "TRIP", "LS"})


@dataclass(frozen=True)
class Item:
    description: str
    unit_of_measure: str
    cost_category: str
    #: Unit price range in cents.
    price_cents: tuple[int, int]
    #: Quantity range in hundredths of a unit.
    quantity_hundredths: tuple[int, int]
    #: Hundredths a quantity moves by: whole units when counted, a quarter hour for labor.
    quantity_step: int = field(init=False)
    #: The least a line of it comes to: its smallest quantity at its lowest price.
    smallest_cents: int = field(init=False)
    #: Its usual unit price: the geometric mean of its price range.
    typical_price_cents: float = field(init=False)
    #: The least and the most quantity a line of it has: its range, but at least one step.
    quantity_bounds: tuple[int, int] = field(init=False)

    def __post_init__(self) -> None:
        unit = self.unit_of_measure
        step = 100 if unit in COUNTABLE_UNITS else 25 if unit == "HR" else 1
        low_price, high_price = self.price_cents
        low_qty, high_qty = self.quantity_hundredths
        if not (0 < low_price <= high_price and 0 <= low_qty <= high_qty):
            raise ValueError(f"{self.description}: a price or quantity range runs backwards")
        object.__setattr__(self, "quantity_step", step)
        smallest = max(self.quantity_hundredths[0], step) * low_price // 100
        object.__setattr__(self, "smallest_cents", smallest)
        object.__setattr__(self, "typical_price_cents", math.sqrt(low_price * high_price))
        object.__setattr__(self, "quantity_bounds", (max(low_qty, step), max(high_qty, step)))


@dataclass(frozen=True)
class Trade:
    name: str
    #: Median invoice amount in cents (amounts are lognormal around it).
    median_cents: int
    items: tuple[Item, ...]
    #: Its items from the cheapest line to the dearest, and those lines' smallest amounts.
    by_smallest: tuple[Item, ...] = field(init=False)
    smallest: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.items, key=lambda item: item.smallest_cents))
        object.__setattr__(self, "by_smallest", ordered)
        object.__setattr__(self, "smallest", tuple(item.smallest_cents for item in ordered))

    def affordable(self, share_cents: int) -> int:
        """How many of ``by_smallest`` a line worth ``share_cents`` can be (at least one)."""
        return bisect_right(self.smallest, share_cents) or 1


def _i(
    description: str, unit: str, category: str, price: tuple[int, int], qty: tuple[int, int]
) -> Item:
    """An item with prices in dollars and quantities in units (stored in cents and hundredths)."""
    return Item(
        description, unit, category, (price[0] * 100, price[1] * 100), (qty[0] * 100, qty[1] * 100)
    )


def _progress(trade: str) -> Item:
    return _i(f"{trade} progress billing", "LS", "Subcontractors", (2_000, 400_000), (1, 1))


TRADES: dict[str, Trade] = {
    t.name: t
    for t in (
        Trade(
            "Electrical",
            1_800_000,
            (
                _i("Journeyman electrician hours", "HR", "Labor", (65, 115), (4, 400)),
                _i("THHN wire 12 AWG", "LF", "Materials", (1, 2), (500, 20_000)),
                _i("EMT conduit 3/4 in", "LF", "Materials", (2, 5), (200, 6_000)),
                _i("LED troffer fixtures", "EA", "Materials", (95, 260), (4, 400)),
                _progress("Electrical rough-in"),
            ),
        ),
        Trade(
            "Plumbing",
            1_500_000,
            (
                _i("Plumber hours", "HR", "Labor", (70, 120), (4, 400)),
                _i("Copper pipe type L 3/4 in", "LF", "Materials", (5, 9), (100, 4_000)),
                _i("PVC DWV pipe 4 in", "LF", "Materials", (4, 8), (100, 3_000)),
                _i("Wall-hung water closets", "EA", "Materials", (420, 900), (2, 80)),
                _progress("Plumbing rough-in"),
            ),
        ),
        Trade(
            "HVAC",
            1_600_000,
            (
                _i("HVAC technician hours", "HR", "Labor", (75, 125), (4, 400)),
                _i("Galvanized ductwork", "LB", "Materials", (4, 9), (200, 12_000)),
                _i("VAV terminal units", "EA", "Materials", (900, 2_400), (2, 60)),
                _i("Rooftop unit 10-ton", "EA", "Equipment", (14_000, 26_000), (1, 4)),
                _i("Test and balance", "LS", "Services", (3_500, 18_000), (1, 1)),
            ),
        ),
        Trade(
            "Concrete",
            2_200_000,
            (
                _i("Ready-mix concrete 4000 PSI", "CY", "Materials", (145, 195), (5, 800)),
                _i("Rebar #5 grade 60", "TON", "Materials", (950, 1_400), (1, 60)),
                _i("Concrete finisher hours", "HR", "Labor", (55, 90), (8, 400)),
                _i("Concrete pump truck", "DAY", "Equipment", (1_400, 2_800), (1, 10)),
                _progress("Foundation pour"),
            ),
        ),
        Trade(
            "Structural steel",
            3_000_000,
            (
                _i("Structural steel W-beams", "TON", "Materials", (1_800, 2_600), (1, 120)),
                _i("Metal deck 1.5 in", "SF", "Materials", (3, 6), (500, 40_000)),
                _i("Ironworker hours", "HR", "Labor", (70, 120), (8, 600)),
                _i("Crawler crane with operator", "DAY", "Equipment", (3_500, 7_500), (1, 20)),
                _progress("Steel erection"),
            ),
        ),
        Trade(
            "Drywall and carpentry",
            1_200_000,
            (
                _i("Drywall 5/8 in type X sheets", "EA", "Materials", (14, 24), (20, 3_000)),
                _i("Metal studs 3-5/8 in", "EA", "Materials", (6, 12), (50, 4_000)),
                _i("Carpenter crew hours", "HR", "Labor", (48, 89), (8, 600)),
                _progress("Framing and board"),
            ),
        ),
        Trade(
            "Glazing",
            1_400_000,
            (
                _i("Curtain wall panels", "SF", "Materials", (65, 140), (50, 4_000)),
                _i("Storefront entrance doors", "EA", "Materials", (2_800, 6_500), (1, 12)),
                _i("Glazier hours", "HR", "Labor", (60, 105), (4, 300)),
                _progress("Glazing"),
            ),
        ),
        Trade(
            "Roofing",
            1_100_000,
            (
                _i("TPO membrane 60 mil", "SF", "Materials", (2, 4), (500, 30_000)),
                _i("Polyiso insulation boards", "EA", "Materials", (38, 75), (20, 1_500)),
                _i("Roofer hours", "HR", "Labor", (45, 80), (8, 400)),
                _progress("Roofing"),
            ),
        ),
        Trade(
            "Earthwork",
            1_300_000,
            (
                _i("Excavator with operator", "HR", "Equipment", (160, 260), (4, 300)),
                _i("Structural fill", "CY", "Materials", (18, 42), (20, 4_000)),
                _i("Haul-off trucking", "LOAD", "Services", (380, 850), (1, 120)),
                _i("Dozer rental", "DAY", "Equipment", (900, 1_800), (1, 30)),
            ),
        ),
        Trade(
            "Landscaping",
            600_000,
            (
                _i("Landscape crew hours", "HR", "Labor", (38, 65), (8, 400)),
                _i("Shade trees 3 in caliper", "EA", "Materials", (280, 650), (1, 80)),
                _i("Sod", "SF", "Materials", (1, 2), (500, 20_000)),
                _progress("Irrigation install"),
            ),
        ),
        Trade(
            "Surveying and geotechnical",
            450_000,
            (
                _i("Survey crew hours", "HR", "Services", (140, 240), (4, 120)),
                _i("Geotechnical inspection", "EA", "Services", (450, 1_800), (1, 8)),
                _i("Soil borings", "EA", "Services", (900, 2_400), (1, 12)),
                _i("Construction staking", "DAY", "Services", (1_200, 2_600), (1, 15)),
            ),
        ),
        Trade(
            "Engineering",
            700_000,
            (
                _i("Engineering design review", "HR", "Services", (125, 225), (2, 200)),
                _i("Structural RFI responses", "HR", "Services", (150, 240), (1, 80)),
                _i("Shop drawing reviews", "EA", "Services", (350, 1_200), (1, 40)),
            ),
        ),
        Trade(
            "Testing and inspection",
            250_000,
            (
                _i("Concrete cylinder tests", "EA", "Services", (35, 95), (4, 120)),
                _i("Special inspection hours", "HR", "Services", (95, 160), (2, 80)),
                _i("Compaction tests", "EA", "Services", (60, 140), (2, 60)),
            ),
        ),
        Trade(
            "Equipment rental",
            500_000,
            (
                _i("Boom lift 60 ft, monthly rental", "MO", "Equipment", (2_400, 4_200), (1, 4)),
                _i("Scissor lift, weekly rental", "WK", "Equipment", (280, 520), (1, 12)),
                _i("Telehandler, monthly rental", "MO", "Equipment", (4_800, 7_900), (1, 3)),
                _i("Light tower, weekly rental", "WK", "Equipment", (180, 360), (1, 10)),
                _i("Delivery and pickup", "TRIP", "Services", (150, 480), (1, 6)),
            ),
        ),
        Trade(
            "Waste and site services",
            220_000,
            (
                _i("Waste hauling and disposal", "LOAD", "Services", (380, 850), (1, 30)),
                _i("Portable toilet service", "MO", "Services", (140, 320), (1, 12)),
                _i("Site office trailer, monthly rental", "MO", "Equipment", (650, 1_400), (1, 3)),
                _i("Site security guard hours", "HR", "Services", (28, 48), (8, 720)),
            ),
        ),
        Trade(
            "Staffing and traffic control",
            800_000,
            (
                _i("General laborer hours", "HR", "Labor", (32, 55), (8, 1_200)),
                _i("Site supervision hours", "HR", "Labor", (85, 145), (4, 300)),
                _i("Overtime premium labor", "HR", "Labor", (90, 160), (2, 120)),
                _i("Traffic control crew", "DAY", "Services", (650, 1_400), (1, 20)),
            ),
        ),
    )
}

#: Add-ons any vendor may put on an invoice, in categories no project budgets for: a line of one
#: is what a budget-line-not-found Hold shows.
UNBUDGETED_ITEMS: dict[str, Item] = {
    item.cost_category: item
    for item in (
        _i("Expedited freight delivery", "LOAD", "Freight", (350, 2_400), (1, 4)),
        _i("Crew travel and per diem", "DAY", "Travel", (150, 320), (1, 20)),
        _i("Municipal permit fees", "LS", "Permits & Fees", (250, 4_500), (1, 1)),
        _i("Consumable small tools", "LS", "Small Tools", (80, 1_200), (1, 1)),
    )
}
