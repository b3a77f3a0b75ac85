"""The one cents conversion: exact, always two places, and the same as the spelling it replaced."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from seed.domain.money import amount_text, cents_to_decimal, cents_to_float, to_cents


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_cents_become_a_two_place_decimal_and_back(cents: int) -> None:
    value = cents_to_decimal(cents)
    assert value.as_tuple() == Decimal(cents).scaleb(-2).as_tuple()
    assert value.as_tuple().exponent == -2
    assert to_cents(value) == cents
    if cents >= 0:
        assert str(value) == amount_text(cents)


@given(st.integers(min_value=-(10**13), max_value=10**13))
def test_an_amount_read_back_as_a_float_keeps_its_cents(cents: int) -> None:
    """SQLite's SUM of a Numeric column is a float: 0.29 must stay 29 cents, not become 28."""
    assert to_cents(float(cents_to_decimal(cents))) == cents
    assert cents_to_float(cents) == float(cents_to_decimal(cents))
    assert to_cents(0.29) == 29
