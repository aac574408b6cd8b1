"""Test set-up: Qt offscreen, a private home folder, and a fresh database per test.

The back end comes from ``FAMILYDESK_TEST_PG_URL``: unset, every test runs
on SQLite; set (``make test`` does it when PostgreSQL is available), the
same tests run on a real PostgreSQL server. Each test gets a database
copied from a template that was upgraded once through Alembic.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
_HOME = tempfile.mkdtemp(prefix="familydesk-tests-")
os.environ["FAMILYDESK_HOME"] = _HOME
os.environ.pop("FAMILYDESK_DB", None)
os.environ.pop("FAMILYDESK_LANG", None)

import pytest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from familydesk import i18n  # noqa: E402
from familydesk.db.actor import Actor  # noqa: E402
from familydesk.db.database import Database  # noqa: E402
from familydesk.kernel import clock  # noqa: E402
from familydesk.trust.opening import open_database  # noqa: E402

PG_URL = os.environ.get("FAMILYDESK_TEST_PG_URL", "")
BACKEND = "postgresql" if PG_URL else "sqlite"


def pytest_report_header(config: pytest.Config) -> str:
    return f"familydesk database back end: {BACKEND}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason=f"needs the other back end (running on {BACKEND})")
    for item in items:
        if BACKEND == "postgresql" and item.get_closest_marker("sqlite_only"):
            item.add_marker(skip)
        if BACKEND == "sqlite" and item.get_closest_marker("postgresql_only"):
            item.add_marker(skip)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: the test is about SQLite itself")
    config.addinivalue_line("markers", "postgresql_only: the test needs a PostgreSQL server")
    # Collecting reads the clock too (module-level data such as tests.groups.group_data.START):
    # it starts at the test instant already, not at the machine's.
    clock.set_source(clock.ticking_from(clock_start()))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_HOME, ignore_errors=True)


class PgServer:
    """Creates and drops databases on the test server."""

    def __init__(self, url: str) -> None:
        self.base = make_url(url).set(drivername="postgresql+psycopg")
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT")

    def url_for(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def create(self, name: str, template: str | None = None) -> str:
        suffix = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
        return self.url_for(name)

    def drop(self, name: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test has its own data, log and settings folders."""
    folder = tmp_path / "home"
    monkeypatch.setenv("FAMILYDESK_HOME", str(folder))
    return folder


#: The instant every test starts at (Europe/Rome), unless ``FAMILYDESK_TEST_CLOCK`` (an ISO
#: time with its offset, e.g. ``2028-02-29T20:00-05:00``) says otherwise: ``make test-dates``
#: runs the date-sensitive folders pinned at a leap day, New Year's Eve and the spring-forward
#: night, in other time zones too. No test reads the machine's clock.
DEFAULT_TEST_CLOCK = "2026-12-09T10:30:00+01:00"


def clock_start() -> datetime:
    moment = datetime.fromisoformat(os.environ.get("FAMILYDESK_TEST_CLOCK") or DEFAULT_TEST_CLOCK)
    return moment if moment.tzinfo else moment.replace(tzinfo=clock.ROME)


@pytest.fixture(autouse=True)
def pinned_clock() -> Iterator[datetime]:
    """The clock starts at the test instant and runs on; tests may pin it again inside."""
    start = clock_start()
    with clock.pinned(start):
        yield start


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Tests read messages in English unless they switch language themselves."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer | None]:
    if not PG_URL:
        yield None
        return
    server = PgServer(PG_URL)
    yield server
    server.admin.dispose()


@pytest.fixture(scope="session")
def template(pg_server: PgServer | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database upgraded through Alembic once per run; tests get copies."""
    if pg_server is not None:
        name = f"fd_template_{os.getpid()}"
        location = pg_server.create(name)
        open_database(location).dispose()
        yield name
        pg_server.drop(name)
    else:
        path = tmp_path_factory.mktemp("template") / "template.sqlite3"
        database = open_database(str(path))
        database.dispose()
        yield str(path)


@pytest.fixture
def empty_location(pg_server: PgServer | None, tmp_path: Path) -> Iterator[str]:
    """A location with no database yet (or an empty one on PostgreSQL)."""
    if pg_server is not None:
        name = f"fd_empty_{uuid.uuid4().hex[:10]}"
        yield pg_server.create(name)
        pg_server.drop(name)
    else:
        yield str(tmp_path / "empty.sqlite3")


@pytest.fixture
def db_location(pg_server: PgServer | None, template: str, tmp_path: Path) -> Iterator[str]:
    """A fresh database at the current schema, as a path or URL."""
    if pg_server is not None:
        name = f"fd_test_{uuid.uuid4().hex[:10]}"
        yield pg_server.create(name, template=template)
        pg_server.drop(name)
    else:
        path = tmp_path / "familydesk.sqlite3"
        shutil.copyfile(template, path)
        yield str(path)


@pytest.fixture
def database(db_location: str) -> Iterator[Database]:
    """A fresh database with an administrator signed in (tests of roles change ``role``)."""
    db = open_database(db_location, actor=Actor("tester", "admin"))
    yield db
    db.dispose()


CLI_OPERATOR, CLI_PASSWORD = "tester", "password-di-prova"


@pytest.fixture
def cli_operator(db_location: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """An administrator in the database at ``db_location``, signed in for commands
    through ``FAMILYDESK_OPERATOR`` and ``FAMILYDESK_PASSWORD``; returns its name."""
    from familydesk.trust.operators import add_operator

    db = open_database(db_location)
    try:
        db.write(add_operator, CLI_OPERATOR, "admin", CLI_PASSWORD)
    finally:
        db.dispose()
    monkeypatch.setenv("FAMILYDESK_OPERATOR", CLI_OPERATOR)
    monkeypatch.setenv("FAMILYDESK_PASSWORD", CLI_PASSWORD)
    return CLI_OPERATOR


@pytest.fixture
def demo_admin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands sign in as the demo administrator (after ``familydesk demo``)."""
    monkeypatch.setenv("FAMILYDESK_OPERATOR", "admin")
    monkeypatch.setenv("FAMILYDESK_PASSWORD", "demo")


@pytest.fixture
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Light Argon2 parameters for encryption tests (stored in each wrap, so the code path
    is the same), no passphrase from the environment, and no key kept between tests."""
    from familydesk.db import encryption, encryption_keys

    monkeypatch.setattr(
        encryption_keys, "KDF_PARAMS", {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
    )
    monkeypatch.delenv("FAMILYDESK_DB_PASSPHRASE", raising=False)
    yield
    encryption.forget_keys()
