"""What a caller pins on one invoice beyond the run's options (the ORM factories' overrides).

The invoice builder honours each field it is given and draws the rest as usual; everything
that follows from a pinned value (the lines' split, the request payload, the due date) is
derived from it, so the invariants hold.
"""

from dataclasses import dataclass, replace

from seed.domain.vendors import Vendor


@dataclass(frozen=True)
class InvoiceSpec:
    #: Number of lines instead of the drawn 2 to 8.
    line_count: int | None = None
    #: Invoice total; the lines are split to add up to it to the cent.
    total_cents: int | None = None
    invoice_id: str | None = None
    invoice_number: str | None = None
    vendor_id: str | None = None
    payment_terms: str | None = None
    #: Never one of a recurring contract's monthly invoices (their dates are the contract's).
    one_off: bool = False

    @property
    def may_recur(self) -> bool:
        """Whether the invoice may be a recurring contract's: nothing pinned that it fixes."""
        return not self.one_off and self.line_count is None and self.total_cents is None

    def for_twin(self) -> "InvoiceSpec":
        """The pins a duplicate's twin shares with it: all but its identity."""
        return replace(self, invoice_id=None, invoice_number=None)

    def vendor(self, drawn: Vendor) -> Vendor:
        """The drawn (or run-pinned) vendor with the pinned id and terms."""
        if not self.vendor_id and not self.payment_terms:
            return drawn
        return replace(
            drawn,
            vendor_id=self.vendor_id or drawn.vendor_id,
            payment_terms=self.payment_terms or drawn.payment_terms,
        )
