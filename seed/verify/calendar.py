"""Checks of the AP calendar: work happens on weekdays, and due dates follow payment terms."""

from collections.abc import Iterator

from sqlalchemy import Integer, and_, cast, func, or_

from seed.verify.base import INV, Check, id_and_ok
from seed.verify.sql import days_between, weekday

SATURDAY = 5
#: What payment terms look like: "Net" and a number of days.
TERMS_PREFIX = "Net "


def calendar_checks() -> Iterator[Check]:
    stamps = (INV.c.submitted_at, INV.c.approved_at, INV.c.paid_at)
    yield Check(
        "business days",
        "submission, approval and payment happen Monday to Friday (timestamps are naive UTC of "
        "working hours in America/Chicago, so their UTC date is the local date)",
        "invoices",
        id_and_ok(INV.c.id, and_(*(or_(c.is_(None), weekday(c) < SATURDAY) for c in stamps))).where(
            or_(*(c.is_not(None) for c in stamps))
        ),
    )
    days = cast(func.substr(INV.c.payment_terms, len(TERMS_PREFIX) + 1), Integer)
    yield Check(
        "due date from the terms",
        "payment terms are 'Net N' and the due date is the invoice date plus N days",
        "invoices",
        id_and_ok(
            INV.c.id,
            and_(
                INV.c.payment_terms.startswith(TERMS_PREFIX),
                days_between(INV.c.invoice_date, INV.c.due_date) == days,
            ),
        ),
    )
