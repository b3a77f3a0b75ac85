"""The integration payloads the factories write as text are exactly what ``dump_json`` makes of
them: the one stored JSON form (keys sorted, compact, ASCII), whatever text a user pins."""

import json
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from seed.domain.catalog import BUDGET_CATEGORIES
from seed.domain.json_text import dump_json
from seed.generate.factories import InvoiceFactory, ProjectContext, RunContext
from seed.generate.options import SeedOptions
from seed.generate.plan import REALISTIC_MIX

#: Text a user may pin: quotes, backslashes, control characters, accents, emoji.
_PINNED = st.text(st.characters(codec="utf-8"), min_size=1, max_size=12).filter(str.strip)


def _payloads(options: SeedOptions, indexes: range) -> list[str]:
    budget = {c: f"RUN-B{n}" for n, (c, _, _) in enumerate(BUDGET_CATEGORIES[:4], 1)}
    factory = InvoiceFactory(
        RunContext("RUN", options, ProjectContext("RUN-P", options.project_number, budget))
    )
    found = []
    for index in indexes:
        for response in factory.build(index).responses:
            found += [response["request_payload"], response["response_payload"]]
    return found


def test_every_payload_of_both_shapes_is_in_the_one_json_form() -> None:
    """Every Hold reason, every status and the histories of a ledger."""
    as_of = date(2026, 11, 24)
    payloads = _payloads(SeedOptions(seed=5, as_of=as_of, per_status=200), range(1000))
    ledger = SeedOptions(seed=6, as_of=as_of, invoices=3000, mix=tuple(REALISTIC_MIX.items()))
    payloads += _payloads(ledger, range(3000))
    errors = [p for p in payloads if '"status":"ERROR"' in p]
    assert len(payloads) > 4000 and len(errors) > 100
    assert [dump_json(json.loads(p)) for p in payloads] == payloads


@settings(max_examples=60, deadline=None)
@given(
    vendor=_PINNED,
    po_number=_PINNED,
    project_number=_PINNED,
    currency=_PINNED,
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_pinned_text_is_escaped_as_dump_json_escapes_it(
    vendor: str, po_number: str, project_number: str, currency: str, seed: int
) -> None:
    options = SeedOptions(
        seed=seed,
        as_of=date(2026, 11, 24),
        per_status=4,
        vendor=vendor,
        po_number=po_number,
        project_number=project_number,
        currency=currency,
        approval_limit=Decimal("20000"),
    )
    payloads = _payloads(options, range(options.invoice_count))
    assert [dump_json(json.loads(p)) for p in payloads] == payloads
    requests = [json.loads(p) for p in payloads[::2]]
    assert {(r["vendorName"], r["projectNumber"], r["currency"]) for r in requests} == {
        (vendor, project_number, currency)
    }
