"""Which vendor an invoice comes from: by size, by Hold propensity, and the repeat offenders."""

import zlib
from itertools import accumulate

from seed.domain.vendors import (
    PENDING_ONBOARDING,
    RETIRED_TAX_CODE_VENDOR,
    VENDORS,
    ZIPF_EXPONENT,
    Vendor,
)
from seed.generate.values import Draws

#: Share of vendor-not-found Holds from vendors not yet onboarded (the rest: a mistyped id).
PENDING_SHARE = 0.7
#: Share of invalid-tax-code Holds from the vendor stuck on a retired code.
RETIRED_CODE_SHARE = 0.6


def vendor_named(name: str) -> Vendor:
    """The catalogue vendor of that name, or a vendor with a stable id derived from the name."""
    for vendor in (*VENDORS, *PENDING_ONBOARDING):
        if vendor.name.lower() == name.lower():
            return vendor
    return Vendor(f"V-{10000 + zlib.crc32(name.encode()) % 80000}", name, "Net 30")


class VendorChoice:
    def __init__(self, pinned: Vendor | None) -> None:
        self.pinned = pinned
        size = [1 / rank**ZIPF_EXPONENT for rank in range(1, len(VENDORS) + 1)]
        self._cum = list(accumulate(size))
        self._hold_cum = list(
            accumulate(w * v.hold_factor for w, v in zip(size, VENDORS, strict=True))
        )
        self._pending_cum = list(accumulate(range(len(PENDING_ONBOARDING), 0, -1)))
        self._retired = next(v for v in VENDORS if v.name == RETIRED_TAX_CODE_VENDOR)

    def of(self, rng: Draws, hold_code: str | None) -> Vendor:
        """The vendor of an invoice; a Hold's reason makes some vendors likelier."""
        if self.pinned is not None:
            return self.pinned
        if hold_code is None:
            return rng.weighted(VENDORS, self._cum)
        if hold_code == "VENDOR_NOT_FOUND" and rng.random() < PENDING_SHARE:
            return rng.weighted(PENDING_ONBOARDING, self._pending_cum)
        if hold_code == "INVALID_TAX_CODE" and rng.random() < RETIRED_CODE_SHARE:
            return self._retired
        return rng.weighted(VENDORS, self._hold_cum)
