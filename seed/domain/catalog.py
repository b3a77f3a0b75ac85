"""Curated vocabularies of our own (not Faker: its output changes between releases).

Vendors are in ``seed.domain.vendors``, what each trade bills in ``seed.domain.trades``.
"""

from itertools import accumulate

from seed.domain.trades import UNBUDGETED_ITEMS

#: The five budget categories of every project, with their GL accounts and descriptions.
BUDGET_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("Labor", "5100-00", "Direct field labor and supervision"),
    ("Materials", "5200-00", "Construction materials and supplies"),
    ("Services", "5300-00", "Professional and subcontracted services"),
    ("Equipment", "5400-00", "Equipment purchase and rental"),
    ("Subcontractors", "5500-00", "Trade subcontract commitments"),
)

#: Share of each category's budget its Approved and Paid lines use by the end of a run: it
#: varies by category, and two categories run over budget, which is what a dashboard flags.
BUDGET_UTILISATION: dict[str, float] = {
    "Labor": 0.94,
    "Materials": 1.07,
    "Services": 0.79,
    "Equipment": 0.66,
    "Subcontractors": 1.12,
}

#: Categories that no project budgets for: a line in one of them has no budget line.
UNBUDGETED_CATEGORIES: tuple[str, ...] = tuple(UNBUDGETED_ITEMS)

VALID_TAX_CODES: tuple[str, ...] = ("TX-STD", "TX-RED", "TX-EXM", "TX-USE")
#: How often a line carries each valid tax code (70, 10, 15, 5 in a hundred), cumulated.
TAX_CODE_CUM_WEIGHTS: tuple[int, ...] = tuple(accumulate((70, 10, 15, 5)))
RETIRED_TAX_CODES: tuple[str, ...] = ("TX-OLD", "TX-99", "VAT-20")
