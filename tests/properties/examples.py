"""How many examples each property test draws: one place for the budget.

Each test names its count, sized for CI, which runs them all derandomized
(`HYPOTHESIS_PROFILE=ci`, or `CI=true`): the same examples on every run. Anywhere else, the
fast loop on a laptop, each run draws a quarter of them, new ones each time (Hypothesis'
default and `dev` profiles are random, and replay a remembered failure first): the property
tests were a third of the fast loop's CPU, and most of that is drawing the histories, not
checking them. Over a day's runs the loop still sees many more histories than CI's one fixed
set.

`GERDY_EXAMPLES_SCALE` overrides the local quarter: `1` draws CI's count, `10` ten times as
many for a long hunt (it multiplies the count in CI too).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

LOCAL_SHARE = 0.25  # of each count, outside CI, unless GERDY_EXAMPLES_SCALE says otherwise


def in_ci() -> bool:
    return os.environ.get("HYPOTHESIS_PROFILE") == "ci" or os.environ.get("CI", "").lower() in {
        "1",
        "true",
        "yes",
    }


def scale() -> float:
    given = os.environ.get("GERDY_EXAMPLES_SCALE")
    if given:
        return float(given)
    return 1.0 if in_ci() else LOCAL_SHARE


def example_count(count: int) -> int:
    """`count` scaled as above, never fewer than 5."""
    return max(5, round(count * scale()))


def examples(count: int, *more_checks: HealthCheck) -> settings:
    """The settings of a property test that draws `count` examples in CI (scaled as above),
    with no deadline: a replay of a long history may take a while."""
    return settings(
        max_examples=example_count(count),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, *more_checks],
    )
