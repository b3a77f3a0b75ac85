"""Property-based tests (Hypothesis): option parsing never fails but with a UsageError, and every
invoice the factory builds keeps the rules, for any seed, index and options."""

import itertools
import json
import string
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import URL

from seed.cli.seed_options import parse_amount, parse_as_of
from seed.domain.catalog import BUDGET_CATEGORIES, RETIRED_TAX_CODES, UNBUDGETED_CATEGORIES
from seed.domain.holds import HOLD_REASONS, parse_hold_reasons
from seed.domain.statuses import RULES, STATUSES, parse_statuses
from seed.errors import SeedError, UsageError
from seed.generate.factories import InvoiceFactory, InvoiceTree, ProjectContext, RunContext
from seed.generate.options import SeedOptions
from seed.settings import mask_url, resolve_database_url

PROPERTIES = settings(max_examples=150, deadline=None)


def _spelled(word: str) -> st.SearchStrategy[str]:
    """The word in any letter case, with spaces around it, as a person may type it."""
    return st.tuples(
        st.lists(st.booleans(), min_size=len(word), max_size=len(word)),
        st.sampled_from(["", " ", "  "]),
        st.sampled_from(["", " ", "\t"]),
    ).map(
        lambda t: (
            t[1]
            + "".join(c.upper() if up else c.lower() for c, up in zip(word, t[0], strict=True))
            + t[2]
        )
    )


@PROPERTIES
@given(st.lists(st.sampled_from(STATUSES).flatmap(_spelled), min_size=1))
def test_statuses_in_any_spelling_come_back_canonical_and_ordered(values: list[str]) -> None:
    chosen = parse_statuses(values)
    assert set(chosen) == {v.strip().capitalize() for v in values}
    assert list(chosen) == [s for s in STATUSES if s in chosen]


@PROPERTIES
@given(st.lists(st.text(max_size=12), max_size=4))
def test_statuses_parse_or_say_which_is_unknown(values: list[str]) -> None:
    known = {s.lower() for s in STATUSES}
    try:
        chosen = parse_statuses(values)
    except UsageError as exc:
        assert any(v.strip().lower() not in known for v in values)
        assert "unknown status" in str(exc) and "\n" not in str(exc)
    else:
        assert chosen == STATUSES if not values else set(chosen) <= set(STATUSES)


@PROPERTIES
@given(st.lists(st.sampled_from(HOLD_REASONS), min_size=1), st.booleans())
def test_hold_reasons_by_option_name_or_code(scenarios: list, as_code: bool) -> None:  # type: ignore[type-arg]
    values = [s.code if as_code else f" {s.option_name.upper()} " for s in scenarios]
    chosen = parse_hold_reasons(values)
    assert set(chosen) == {s.code for s in scenarios}
    assert list(chosen) == [s.code for s in HOLD_REASONS if s.code in chosen]


@PROPERTIES
@given(st.text(max_size=30))
def test_hold_reasons_parse_or_fail_cleanly(value: str) -> None:
    codes = {s.code for s in HOLD_REASONS}
    try:
        chosen = parse_hold_reasons([value])
    except UsageError as exc:
        assert value.strip().upper().replace("-", "_") not in codes
        assert "unknown hold reason" in str(exc)
    else:
        assert chosen == (value.strip().upper().replace("-", "_"),)


@PROPERTIES
@given(st.dates())
def test_as_of_round_trips_every_date(day: date) -> None:
    assert parse_as_of(day.isoformat()) == day


@PROPERTIES
@given(st.text(max_size=20))
def test_as_of_is_a_date_or_a_usage_error(value: str) -> None:
    try:
        parsed = parse_as_of(value)
    except UsageError as exc:
        assert "is not a date: use YYYY-MM-DD" in str(exc)
    else:
        assert parsed == date.fromisoformat(value)


@PROPERTIES
@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2),
    st.booleans(),
)
def test_amount_with_dollar_sign_and_thousands_separators(amount: Decimal, dollar: bool) -> None:
    text = f"{'$' if dollar else ''}{amount:,}"
    assert parse_amount(text, "--approval-limit") == amount


@PROPERTIES
@given(
    st.one_of(
        st.text(max_size=25),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.floats().map(str),
    )
)
def test_amount_is_a_number_or_a_usage_error(value: str) -> None:
    try:
        amount = parse_amount(value, "--approval-limit")
    except UsageError as exc:
        assert "is not an amount" in str(exc)
    else:
        assert amount.is_finite()
        # Whatever parses either makes valid options or is refused with a UsageError.
        try:
            SeedOptions(seed=1, as_of=date(2026, 1, 1), approval_limit=amount)
        except UsageError as exc:
            assert "--approval-limit must be above 0" in str(exc)


_ENV_KEYS = st.sampled_from(
    [
        "DATABASE_URL",
        "DATABRICKS_SERVER_HOSTNAME",
        "DATABRICKS_HTTP_PATH",
        "DATABRICKS_CATALOG",
        "DATABRICKS_SCHEMA",
        "DATABRICKS_TOKEN",
        "DATABRICKS_CLIENT_ID",
        "DATABRICKS_CLIENT_SECRET",
    ]
)
_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["sqlite:///x.db", "postgresql+psycopg://u:pw@h/db", "garbage", " ", ""]),
)


@PROPERTIES
@given(
    st.one_of(st.none(), _VALUES),
    st.one_of(
        st.none(), st.sampled_from(["local", "databricks", "LOCAL", " Databricks ", "mars", ""])
    ),
    st.dictionaries(_ENV_KEYS, _VALUES),
)
def test_resolve_database_url_returns_a_url_or_a_seed_error(
    url: str | None, target: str | None, env: dict[str, str]
) -> None:
    try:
        resolved = resolve_database_url(url, target, env)
    except SeedError as exc:
        assert "\n" not in str(exc)
        for name in ("DATABRICKS_TOKEN", "DATABRICKS_CLIENT_SECRET"):
            secret = env.get(name)
            if secret and len(secret) >= 4:
                # The secret may coincide with the message's own words ("toke" in
                # "token:TOKEN"); it leaks only if it shows more often than a stand-in does.
                stand_in = {**env, name: "\u03a9" * len(secret)}
                with pytest.raises(SeedError) as same_error:
                    resolve_database_url(url, target, stand_in)
                assert str(exc).count(secret) <= str(same_error.value).count(secret)
        return
    assert isinstance(resolved, URL)
    if url and url.strip():
        assert resolved.drivername == url.strip().split(":")[0]  # an explicit URL wins
    if resolved.password:  # shown as ***, wherever else the same characters may appear
        assert ":***@" in mask_url(resolved)


def _run(options: SeedOptions) -> RunContext:
    budget = {category: f"RUN-B{n}" for n, (category, _, _) in enumerate(BUDGET_CATEGORIES, 1)}
    return RunContext("RUN", options, ProjectContext("RUN-P", options.project_number, budget))


@st.composite
def run_options(draw: st.DrawFn) -> SeedOptions:
    statuses = draw(st.lists(st.sampled_from(STATUSES), min_size=1, unique=True))
    codes = draw(st.lists(st.sampled_from([s.code for s in HOLD_REASONS]), unique=True, max_size=3))
    if "Hold" not in statuses:  # a named reason needs Hold invoices (refused otherwise)
        codes = []
    elif "Paid" not in statuses:  # and a duplicate a Paid twin
        codes = [code for code in codes if code != "DUPLICATE_INVOICE"]
    chosen = tuple(s for s in STATUSES if s in statuses)
    weights = st.integers(min_value=1, max_value=100)
    shape = draw(
        st.one_of(
            st.builds(lambda n: {"per_status": n, "statuses": chosen}, st.integers(1, 1000)),
            st.builds(
                lambda n, w: {"invoices": n, "mix": tuple(zip(chosen, w, strict=True))},
                st.integers(1, 5000),
                st.lists(weights, min_size=len(chosen), max_size=len(chosen)),
            ),
        )
    )
    return SeedOptions(
        seed=draw(st.integers(min_value=0, max_value=2**63)),
        as_of=draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))),
        **shape,
        hold_reasons=tuple(codes),
        vendor=draw(
            st.one_of(
                st.none(),
                st.text(alphabet=string.ascii_letters + " &", min_size=1, max_size=30).filter(
                    str.strip
                ),
            )
        ),
        po_number=draw(st.one_of(st.none(), st.from_regex(r"PO-[0-9]{5}", fullmatch=True))),
        approval_limit=draw(
            st.decimals(min_value=Decimal("1000"), max_value=Decimal("5000000"), places=2)
        ),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(run_options(), st.data())
def test_every_invoice_keeps_the_rules(options: SeedOptions, data: st.DataObject) -> None:
    index = data.draw(st.integers(min_value=0, max_value=options.invoice_count - 1))
    factory = InvoiceFactory(_run(options))
    tree = factory.build(index)
    invoice, lines, response = tree.invoice, tree.lines, tree.response
    status = invoice["status"]
    assert status == options.status_of(index)
    assert 2 <= len(lines) <= 8
    assert sum(line["line_amount"] for line in lines) == invoice["total_amount"]
    assert [line["line_number"] for line in lines] == list(range(1, len(lines) + 1))
    moments = [
        m for m in (invoice["submitted_at"], invoice["approved_at"], invoice["paid_at"]) if m
    ]
    assert moments == sorted(moments)
    assert all(m.date() <= options.as_of for m in moments)
    assert invoice["invoice_date"] <= (moments[0].date() if moments else options.as_of)
    rule = RULES[status]
    low_high = (options.ledger and rule.ledger_days_pending) or rule.days_pending
    if low_high is not None:
        assert low_high[0] <= invoice["days_pending"] <= low_high[1]
    else:
        end = invoice["paid_at"] or invoice["approved_at"]
        assert invoice["days_pending"] == (end.date() - invoice["submitted_at"].date()).days
    if options.vendor:
        assert invoice["vendor_name"].lower() == options.vendor.lower()
    if status == "Draft":
        assert response is None
    else:
        assert response is not None and response["requested_at"] < response["responded_at"]
        assert len(tree.responses) == 1 or options.ledger
        log = [(r["requested_at"], r["responded_at"]) for r in tree.responses]
        assert all(answered < sent for (_, answered), (sent, _) in itertools.pairwise(log))
    limit = options.approval_limit
    code = invoice["error_code"]
    if status != "Hold":
        assert code is None and invoice["total_amount"] < limit
        return
    assert response is not None and response["error_code"] == code
    assert not options.hold_reasons or code in options.hold_reasons
    _assert_the_defect(factory, options, index, tree)


def _assert_the_defect(
    factory: InvoiceFactory, options: SeedOptions, index: int, tree: InvoiceTree
) -> None:
    """The Hold's defect, per reason, in the rows the factory built."""
    invoice, lines, response = tree.invoice, tree.lines, tree.response
    assert response is not None
    code, limit = invoice["error_code"], options.approval_limit
    request = json.loads(response["request_payload"])
    if code == "VENDOR_NOT_FOUND":
        assert (
            invoice["vendor_id"] in invoice["error_message"]
            and request["vendorId"] == invoice["vendor_id"]
        )
    elif code == "BUDGET_LINE_NOT_FOUND":
        assert any(
            line["budget_line_id"] is None and line["cost_category"] in UNBUDGETED_CATEGORIES
            for line in lines
        )
    elif code == "PO_MISMATCH":
        assert request["poNumber"] != invoice["po_number"]
    elif code == "APPROVAL_LIMIT_EXCEEDED":
        assert invoice["total_amount"] > limit
    elif code == "DUPLICATE_INVOICE":
        twin_index = options.plan.paid_before(index)
        assert twin_index is not None
        twin = factory.build(twin_index).invoice
        assert twin["status"] == "Paid"
        assert (twin["total_amount"], twin["vendor_id"]) == (
            invoice["total_amount"],
            invoice["vendor_id"],
        )
        assert (
            twin["invoice_date"]
            <= invoice["invoice_date"]
            <= twin["invoice_date"] + timedelta(days=3)
        )
    elif code == "GL_PERIOD_CLOSED":
        assert invoice["invoice_date"] < invoice["submitted_at"].date().replace(day=1)
    elif code == "INVALID_TAX_CODE":
        assert any(line["tax_code"] in RETIRED_TAX_CODES for line in lines)
    else:
        assert code == "ERP_TIMEOUT"
        assert (response["responded_at"] - response["requested_at"]).total_seconds() >= 90


@pytest.mark.parametrize("index", [0, 7, 12_345])
def test_an_invoice_is_a_function_of_seed_options_and_index(index: int) -> None:
    options = SeedOptions(seed=99, as_of=date(2026, 11, 24), per_status=5000)
    assert InvoiceFactory(_run(options)).build(index) == InvoiceFactory(_run(options)).build(index)
