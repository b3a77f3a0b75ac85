"""The vendor catalogue: who bills the project, for which trade, on what terms, how reliably.

Vendors are listed by size: the share of invoices falls with rank (a Zipf law), so a fifth of
the vendors carry most of the spend, as in any real AP ledger.
"""

from dataclasses import dataclass

PAYMENT_TERM_DAYS = {"Net 15": 15, "Net 30": 30, "Net 45": 45, "Net 60": 60}
#: Exponent of the rank-size law of invoice counts.
ZIPF_EXPONENT = 0.8


@dataclass(frozen=True)
class Vendor:
    vendor_id: str
    name: str
    payment_terms: str
    trade: str = "Staffing and traffic control"
    #: How much likelier than average its invoices are to be held.
    hold_factor: float = 1.0
    #: Share of its paid invoices paid after their due date.
    late_share: float = 0.1


def _v(vid: str, name: str, trade: str, terms: str, hold: float, late: float) -> Vendor:
    return Vendor(f"V-{vid}", name, terms, trade, hold, late)


VENDORS: tuple[Vendor, ...] = (
    _v("10718", "Cascade Concrete Partners", "Concrete", "Net 30", 0.8, 0.08),
    _v("10693", "Ironclad Steel Fabricators", "Structural steel", "Net 60", 0.7, 0.05),
    _v("10582", "Summit Electrical Contractors", "Electrical", "Net 30", 1.0, 0.10),
    _v("10457", "Bluewater Plumbing & Mechanical", "Plumbing", "Net 45", 1.1, 0.12),
    _v("11172", "Keystone HVAC Systems", "HVAC", "Net 45", 0.9, 0.10),
    _v("10231", "Granite Peak Construction Supply", "Drywall and carpentry", "Net 30", 1.2, 0.09),
    _v("12016", "Lakeshore Electrical Supply", "Electrical", "Net 30", 2.6, 0.22),
    _v("11346", "Meridian Glass & Glazing", "Glazing", "Net 60", 0.8, 0.06),
    _v("12044", "Prairie State Earthworks", "Earthwork", "Net 30", 1.3, 0.14),
    _v("12087", "Tri-County Roofing Co.", "Roofing", "Net 30", 1.0, 0.12),
    _v("10926", "Redline Equipment Rentals", "Equipment rental", "Net 15", 0.6, 0.18),
    _v("12131", "Midwest Rebar & Steel", "Concrete", "Net 45", 0.9, 0.07),
    _v("12158", "Foundry Row Mechanical", "HVAC", "Net 30", 1.4, 0.11),
    _v("10844", "Northwind Engineering Services", "Engineering", "Net 45", 0.5, 0.04),
    _v("12203", "Harbor Point Drywall", "Drywall and carpentry", "Net 30", 1.6, 0.16),
    _v("12249", "Union Labor Staffing", "Staffing and traffic control", "Net 15", 1.2, 0.20),
    _v(
        "11298",
        "Pioneer Safety & Traffic Control",
        "Staffing and traffic control",
        "Net 30",
        1.0,
        0.12,
    ),
    _v("12275", "Copperline Plumbing", "Plumbing", "Net 30", 1.8, 0.15),
    _v(
        "11481", "Atlas Surveying & Geotechnical", "Surveying and geotechnical", "Net 30", 0.7, 0.08
    ),
    _v("12302", "Heartland Crane & Rigging", "Structural steel", "Net 30", 0.9, 0.10),
    _v("12338", "Beacon Electric Works", "Electrical", "Net 45", 1.1, 0.09),
    _v("12361", "Sterling Curtain Wall", "Glazing", "Net 45", 1.0, 0.07),
    _v("12397", "Riverbend Ready-Mix", "Concrete", "Net 15", 1.5, 0.19),
    _v("12414", "Great Lakes Waste Solutions", "Waste and site services", "Net 30", 0.8, 0.13),
    _v("11035", "Evergreen Landscaping Group", "Landscaping", "Net 30", 1.0, 0.12),
    _v("12452", "Quarry Hill Aggregates", "Earthwork", "Net 30", 1.2, 0.10),
    _v("12489", "Summit Lift Rentals", "Equipment rental", "Net 30", 0.7, 0.14),
    _v("12513", "Precision Testing Laboratories", "Testing and inspection", "Net 30", 0.6, 0.06),
    _v("12546", "Oakridge Carpentry", "Drywall and carpentry", "Net 30", 1.3, 0.17),
    _v("12570", "Allied Air Balance", "HVAC", "Net 30", 0.9, 0.09),
    _v("12598", "Northstar Roofing Systems", "Roofing", "Net 45", 1.1, 0.10),
    _v("12625", "Cornerstone Structural Engineers", "Engineering", "Net 60", 0.6, 0.05),
    _v("12651", "Clearview Glass Co.", "Glazing", "Net 30", 1.4, 0.15),
    _v("12688", "Keystone Site Services", "Waste and site services", "Net 15", 1.0, 0.21),
    _v("12704", "Badger State Excavating", "Earthwork", "Net 45", 1.2, 0.11),
    _v("12739", "Millbrook Plumbing Supply", "Plumbing", "Net 30", 1.0, 0.10),
    _v("12766", "Lightning Electric Service", "Electrical", "Net 15", 1.6, 0.24),
    _v("12790", "Trinity Steel Erectors", "Structural steel", "Net 45", 1.0, 0.08),
    _v("12813", "GreenScape Irrigation", "Landscaping", "Net 30", 1.1, 0.13),
    _v("12849", "Benchmark Survey Group", "Surveying and geotechnical", "Net 45", 0.8, 0.07),
    _v("12872", "Apex Concrete Pumping", "Concrete", "Net 15", 1.2, 0.20),
    _v("12906", "Reliable Temp Labor", "Staffing and traffic control", "Net 15", 1.9, 0.25),
    _v("12931", "Metro Lift & Hoist", "Equipment rental", "Net 30", 0.9, 0.12),
    _v("12957", "Lakeside Testing & Inspection", "Testing and inspection", "Net 30", 0.8, 0.09),
    _v("12984", "Ridgeway HVAC Supply", "HVAC", "Net 45", 1.0, 0.08),
    _v("13012", "Ironbridge Carpentry", "Drywall and carpentry", "Net 15", 1.4, 0.18),
    _v("13045", "Second City Glazing", "Glazing", "Net 30", 1.2, 0.12),
    _v("13071", "Summit Roofing Supply", "Roofing", "Net 30", 0.9, 0.10),
    _v("13098", "Valley Portable Services", "Waste and site services", "Net 30", 1.1, 0.16),
    _v("13124", "Fox River Engineering", "Engineering", "Net 30", 0.7, 0.06),
    _v("13157", "Bedrock Excavation", "Earthwork", "Net 30", 1.3, 0.13),
    _v("13183", "Brightline Electrical", "Electrical", "Net 60", 1.0, 0.06),
    _v("13209", "Clearwater Pipe & Supply", "Plumbing", "Net 45", 1.0, 0.09),
    _v("13236", "Timberline Tree Farm", "Landscaping", "Net 30", 0.8, 0.11),
    _v("13262", "Crossroads Traffic Control", "Staffing and traffic control", "Net 30", 1.2, 0.15),
    _v("13298", "Geo-Tech Drilling Services", "Surveying and geotechnical", "Net 30", 1.0, 0.10),
    _v("13325", "Central Equipment Rental", "Equipment rental", "Net 15", 1.1, 0.17),
    _v("13351", "Steelworks Supply", "Structural steel", "Net 30", 1.1, 0.10),
    _v("13387", "Hometown Dumpster Co.", "Waste and site services", "Net 15", 1.3, 0.22),
    _v("13414", "Quality Inspection Partners", "Testing and inspection", "Net 45", 0.9, 0.08),
    _v("13440", "Stonebridge Masonry & Concrete", "Concrete", "Net 30", 1.4, 0.14),
    _v("13476", "Parkside Landscape Supply", "Landscaping", "Net 15", 1.2, 0.18),
    _v("13502", "Delta Mechanical Insulation", "HVAC", "Net 30", 1.5, 0.14),
    _v("13538", "Lincoln Park Engineering", "Engineering", "Net 45", 0.8, 0.07),
)

#: Vendors whose invoices arrive before Infinium has onboarded them: their ids are unknown to
#: it, so every invoice of theirs is a vendor-not-found Hold until they are onboarded. The same
#: unknown id on several Holds is the repeat offender an analyst looks for.
PENDING_ONBOARDING: tuple[Vendor, ...] = (
    _v("91207", "Northgate Fire Protection", "Plumbing", "Net 30", 1.0, 0.1),
    _v("93418", "Silverline Elevator Co.", "Electrical", "Net 45", 1.0, 0.1),
    _v("95562", "Westfield Painting & Coatings", "Drywall and carpentry", "Net 30", 1.0, 0.1),
    _v("97734", "Redwood Flooring Installers", "Drywall and carpentry", "Net 30", 1.0, 0.1),
)

#: The vendor whose billing system still prints a retired tax code: most invalid-tax-code Holds.
RETIRED_TAX_CODE_VENDOR = "Lakeshore Electrical Supply"
RETIRED_TAX_CODE_OF_VENDOR = "TX-OLD"
