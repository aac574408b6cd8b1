from __future__ import annotations

from pathlib import Path

import pytest

from familydesk.db.location import describe, is_network_path, resolve_database_url
from familydesk.kernel.errors import DatabaseLocationError

MOUNTS = """\
/dev/sda1 / ext4 rw 0 0
server:/export /mnt/nas nfs4 rw 0 0
//fileserver/ufficio /mnt/ufficio cifs rw 0 0
/dev/sdb1 /mnt/ufficio/local ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "remote"),
    [
        ("/home/desk/familydesk.sqlite3", False),
        ("/mnt/nas/familydesk.sqlite3", True),
        ("/mnt/ufficio/dati/fd.sqlite3", True),
        ("/mnt/ufficio/local/fd.sqlite3", False),  # a local disk mounted inside a share
        ("/mnt/nasty/fd.sqlite3", False),  # a prefix of a name is not the mount point
    ],
)
def test_network_file_systems_are_recognised(path: str, remote: bool) -> None:
    assert is_network_path(path, mounts=MOUNTS) is remote


@pytest.mark.parametrize("path", [r"\\server\share\familydesk.sqlite3", "//server/share/fd.db"])
def test_unc_paths_are_network_paths(path: str) -> None:
    assert is_network_path(path, mounts="")


def test_network_share_is_refused_with_an_explanation() -> None:
    with pytest.raises(DatabaseLocationError) as error:
        resolve_database_url(r"\\server\share\familydesk.sqlite3")
    assert "network share" in error.value.message
    assert "PostgreSQL" in error.value.message


def test_default_location_is_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FAMILYDESK_DB", raising=False)
    url = resolve_database_url(None)
    assert url.get_backend_name() == "sqlite"
    assert Path(str(url.database)).name == "familydesk.sqlite3"


def test_environment_variable_selects_the_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FAMILYDESK_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_database_url(None).database == str(tmp_path / "env.sqlite3")
    assert resolve_database_url(str(tmp_path / "arg.sqlite3")).database == str(
        tmp_path / "arg.sqlite3"
    )


@pytest.mark.parametrize(
    "value", ["postgresql://desk@server/familydesk", "postgres://desk@server/familydesk"]
)
def test_postgresql_urls_use_psycopg(value: str) -> None:
    url = resolve_database_url(value)
    assert url.drivername == "postgresql+psycopg"
    assert describe(url) == "PostgreSQL desk@server/familydesk"


def test_password_is_not_shown() -> None:
    url = resolve_database_url("postgresql://desk:secret@server:5433/fd")
    assert "secret" not in describe(url)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("mysql://root@localhost/fd", "not supported"),
        ("sqlite://", "in-memory"),
        ("postgresql://x:y@:/", "not a database address"),
    ],
)
def test_bad_locations_are_explained(value: str, words: str) -> None:
    with pytest.raises(DatabaseLocationError) as error:
        resolve_database_url(value)
    assert words in error.value.message


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseLocationError, match="folder"):
        resolve_database_url(str(tmp_path))
