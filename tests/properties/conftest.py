"""Hypothesis profiles for the property tests.

The tests set their own example counts (sized so the directory runs in well under a minute
on two cores); `GERDY_EXAMPLES_SCALE=10` multiplies them for a long hunt. Choose a profile
with `HYPOTHESIS_PROFILE`:

* `ci`: derandomized (the same examples on every run, so CI cannot flake) and no example
  database on disk.
* `dev`: random examples, failures remembered in `.hypothesis/` and replayed first.

Without `HYPOTHESIS_PROFILE` nothing is loaded here (Hypothesis' own default, which is `dev`
plus the tests' own settings), so this directory changes no other test's settings.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile(
    "ci", deadline=None, derandomize=True, database=None, suppress_health_check=SLOW_IS_FINE
)
settings.register_profile("dev", deadline=None, suppress_health_check=SLOW_IS_FINE)
if "HYPOTHESIS_PROFILE" in os.environ:
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
