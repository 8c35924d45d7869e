"""Test-wide settings (argon2's cheapest profile, the Hypothesis profiles) and the database
fixtures: a clean database per test, on SQLite and on PostgreSQL.

Password hashes in tests use argon2's cheapest parameters: production's (RFC 9106, 64 MiB)
cost about 50 ms a hash, and the web tests hash hundreds of passwords.
`tests/services/test_passwords.py` proves production still uses the strong ones.

Hypothesis profiles, chosen with `$HYPOTHESIS_PROFILE` (`.ci/run` sets `ci`): `ci` is
derandomized (the same examples on every run, so CI cannot flake) with no example database on
disk; `dev` draws random examples and replays remembered failures first. Without the variable
Hypothesis' own default applies. The property tests' example counts are in
`tests/properties/examples.py` (every one in CI, a quarter elsewhere; `GERDY_EXAMPLES_SCALE`).

`database_url` is parametrized over the backends. PostgreSQL comes from
`$GERDY_TEST_POSTGRES_URL`; without it the postgres cases are skipped locally, but fail in CI
(`CI=true`), so a broken CI set-up cannot pass by skipping (and under `CI=true` any skipped
test fails the run: `pytest_sessionfinish`). Each postgres test gets its own
schema (dropped afterwards) through the connection's `search_path`.

Only these suite-wide settings and the database fixtures belong here; other fixtures live next
to their tests.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher, profiles
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from gerdy.services import passwords
from gerdy.storage.database import resolve_url
from gerdy.storage.opening import open_database
from gerdy.storage.store import RecordStore, open_store

POSTGRES_URL_ENV = "GERDY_TEST_POSTGRES_URL"

# Before any test module imports the web app (whose sign-in keeps a hash made at import).
passwords.HASHER = PasswordHasher.from_parameters(profiles.CHEAPEST)

SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "ci", deadline=None, derandomize=True, database=None, suppress_health_check=SLOW_IS_FINE
)
settings.register_profile("dev", deadline=None, suppress_health_check=SLOW_IS_FINE)
if "HYPOTHESIS_PROFILE" in os.environ:
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` (pyproject's default): one worker per core (xdist's own count, or
    `$PYTEST_XDIST_AUTO_NUM_WORKERS`), but none when the command names one file or tests of
    one file: with a file per worker (`--dist loadfile`) there is nothing to share out, and
    starting workers would cost more than the run."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    return 0 if names_one_file(config.args) else None


def names_one_file(args: list[str]) -> bool:
    """Whether the command line's paths are one test file, or tests (`file::test`) in one."""
    files = {arg.split("::")[0] for arg in args}
    return len(files) == 1 and Path(files.pop()).is_file()


def _running_in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped test is a failure: every prerequisite (PostgreSQL, chromium, axe-core,
    the video extra, the test data) must be there, so nothing passes by being skipped."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if not _running_in_ci() or reporter is None or hasattr(session.config, "workerinput"):
        return
    skipped = reporter.stats.get("skipped", [])
    if skipped and session.exitstatus == pytest.ExitCode.OK:
        reporter.ensure_newline()
        reporter.write_line(f"{len(skipped)} test(s) skipped in CI: that is a failure", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _postgres_server_url() -> str:
    url = os.environ.get(POSTGRES_URL_ENV)
    if url:
        return resolve_url(url)
    message = f"${POSTGRES_URL_ENV} is not set: no PostgreSQL to test against"
    if _running_in_ci():
        pytest.fail(message + " (required in CI)")
    pytest.skip(message)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose connections see only a fresh, empty schema of the test server."""
    server_url = _postgres_server_url()
    schema = f"gerdy_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(server_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite database at the head revision, made once per test process (no rows:
    each app still makes its own server secret on first start). The web, CLI, importer and
    report tests start from a copy (`copy_of_migrated`): copying is 30x cheaper than
    migrating a new file, about a quarter of a plain web test and a third of a CLI test's
    `gerdy init`. `sqlite_url` below still migrates a new file, and `tests/storage` checks
    that a new file is created and migrated on first use."""
    path = tmp_path_factory.mktemp("migrated") / "gerdy.db"
    open_database(f"sqlite:///{path}").dispose()
    assert not path.with_name("gerdy.db-wal").exists(), "the log is folded in on close"
    return path


def copy_of_migrated(migrated: Path, target: Path) -> Path:
    """`target`, a copy of the migrated database `migrated` (`migrated_sqlite`)."""
    shutil.copyfile(migrated, target)
    return target


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'gerdy.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """A clean database on each backend (the test runs once per backend)."""
    url = request.getfixturevalue(f"{request.param}_url")
    assert isinstance(url, str)
    return url


@pytest.fixture
def open_test_store(database_url: str) -> Iterator[Callable[..., RecordStore]]:
    """Open stores on the test database; every store opened is closed after the test."""
    opened: list[RecordStore] = []

    def _open(person: str = "local") -> RecordStore:
        store = open_store(database_url, person=person)
        opened.append(store)
        return store

    yield _open
    for store in opened:
        store.close()


@pytest.fixture
def store(open_test_store: Callable[..., RecordStore]) -> RecordStore:
    """The "local" person's store on a clean database."""
    return open_test_store()
