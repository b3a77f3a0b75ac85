"""Curated vocabularies of our own (not Faker: its output changes between releases)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Vendor:
    vendor_id: str
    name: str
    payment_terms: str


VENDORS: tuple[Vendor, ...] = (
    Vendor("V-10231", "Granite Peak Construction Supply", "Net 30"),
    Vendor("V-10457", "Bluewater Plumbing & Mechanical", "Net 45"),
    Vendor("V-10582", "Summit Electrical Contractors", "Net 30"),
    Vendor("V-10693", "Ironclad Steel Fabricators", "Net 60"),
    Vendor("V-10718", "Cascade Concrete Partners", "Net 30"),
    Vendor("V-10844", "Northwind Engineering Services", "Net 45"),
    Vendor("V-10926", "Redline Equipment Rentals", "Net 15"),
    Vendor("V-11035", "Evergreen Landscaping Group", "Net 30"),
    Vendor("V-11172", "Keystone HVAC Systems", "Net 45"),
    Vendor("V-11298", "Pioneer Safety & Traffic Control", "Net 30"),
    Vendor("V-11346", "Meridian Glass & Glazing", "Net 60"),
    Vendor("V-11481", "Atlas Surveying & Geotechnical", "Net 30"),
)

PAYMENT_TERM_DAYS = {"Net 15": 15, "Net 30": 30, "Net 45": 45, "Net 60": 60}

#: The five budget categories of every project, with their GL accounts and descriptions.
BUDGET_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("Labor", "5100-00", "Direct field labor and supervision"),
    ("Materials", "5200-00", "Construction materials and supplies"),
    ("Services", "5300-00", "Professional and subcontracted services"),
    ("Equipment", "5400-00", "Equipment purchase and rental"),
    ("Subcontractors", "5500-00", "Trade subcontract commitments"),
)

#: Categories an invoice line normally uses (SEED.md): each has a budget line.
LINE_CATEGORIES: tuple[str, ...] = ("Labor", "Materials", "Services")

#: Categories that no project budgets for: a line in one of them has no budget line.
UNBUDGETED_CATEGORIES: tuple[str, ...] = ("Freight", "Travel", "Permits & Fees", "Small Tools")


@dataclass(frozen=True)
class LineItem:
    description: str
    unit_of_measure: str
    #: Unit price range in cents, and quantity range in hundredths with its step.
    price_cents: tuple[int, int]
    quantity_hundredths: tuple[int, int]
    quantity_step: int


LINE_ITEMS: dict[str, tuple[LineItem, ...]] = {
    "Labor": (
        LineItem("Journeyman electrician hours", "HR", (6500, 11500), (400, 16000), 50),
        LineItem("Carpenter crew hours", "HR", (4800, 8900), (800, 24000), 50),
        LineItem("Site supervision", "HR", (8500, 14500), (400, 8000), 50),
        LineItem("Equipment operator hours", "HR", (6000, 9800), (400, 12000), 50),
        LineItem("Overtime premium labor", "HR", (9000, 16000), (200, 4000), 50),
    ),
    "Materials": (
        LineItem("Ready-mix concrete 4000 PSI", "CY", (14500, 19500), (500, 12000), 100),
        LineItem("Rebar #5 grade 60", "TON", (95000, 140000), (100, 2500), 25),
        LineItem("Copper pipe type L 3/4 in", "LF", (450, 900), (5000, 120000), 100),
        LineItem("Drywall 5/8 in type X", "EA", (1400, 2400), (2000, 60000), 100),
        LineItem("Structural steel W-beams", "TON", (180000, 260000), (100, 1500), 25),
        LineItem("THHN wire 12 AWG", "LF", (35, 95), (50000, 500000), 100),
    ),
    "Services": (
        LineItem("Geotechnical inspection", "EA", (45000, 180000), (100, 800), 100),
        LineItem("Engineering design review", "HR", (12500, 22500), (200, 6000), 50),
        LineItem("Waste hauling and disposal", "LOAD", (38000, 85000), (100, 3000), 100),
        LineItem("Concrete testing services", "EA", (9500, 26000), (100, 2000), 100),
        LineItem("Traffic control services", "DAY", (65000, 140000), (100, 2000), 100),
    ),
    "Freight": (LineItem("Expedited freight delivery", "LOAD", (35000, 240000), (100, 400), 100),),
    "Travel": (LineItem("Crew travel and per diem", "DAY", (15000, 32000), (100, 2000), 100),),
    "Permits & Fees": (LineItem("Municipal permit fees", "LS", (25000, 450000), (100, 100), 100),),
    "Small Tools": (LineItem("Consumable small tools", "LS", (8000, 120000), (100, 100), 100),),
}

VALID_TAX_CODES: tuple[str, ...] = ("TX-STD", "TX-RED", "TX-EXM", "TX-USE")
RETIRED_TAX_CODES: tuple[str, ...] = ("TX-OLD", "TX-99", "VAT-20")
