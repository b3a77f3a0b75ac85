"""README "In your tests": the example test file runs as written, and the traits are all listed."""

import re

import pytest
from sqlalchemy import URL

from seed.domain.holds import HOLD_REASONS
from seed.orm.overrides import TRAITS
from tests.support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## In your tests") :]
SECTION = SECTION[: SECTION.index("\n## ", 1)]


def _example() -> str:
    match = re.search(r"<!-- in-your-tests-example -->\n```python\n(.+?)\n```", SECTION, re.S)
    assert match, "the README section has no example test file"
    return match.group(1)


def test_the_example_passes_on_sqlite(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_error_analysis=_example())
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=_example().count("\ndef test_"))


@pytest.mark.postgres
def test_the_example_passes_on_postgresql(pytester: pytest.Pytester, pg_admin_url: URL) -> None:
    pytester.makepyfile(test_error_analysis=_example())
    server = pg_admin_url.render_as_string(hide_password=False)
    result = pytester.runpytest("-p", "no:cacheprovider", "--holdbusters-url", server)
    result.assert_outcomes(passed=_example().count("\ndef test_"))


def test_every_trait_and_hold_reason_is_listed() -> None:
    for name in TRAITS:
        assert f"`{name}=" in SECTION, name
    for reason in HOLD_REASONS:
        assert f"`{reason.option_name}`" in SECTION, reason.option_name
