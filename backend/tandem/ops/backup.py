"""`tandem backup PATH` and `tandem restore PATH` for SQLite; PostgreSQL uses pg_dump and pg_restore.

A backup is a folder holding `tandem.db`, a consistent copy taken with SQLite's online backup API while
the app keeps running (a plain copy of the file can miss everything still in the write-ahead log), and
`secret_key`, without which the restored app cannot read CSRF tokens it issued (sessions survive).
Restoring needs the app stopped: it replaces the database file and removes the old WAL.

The key store (`tandem-keys.db`) and the master key are left out on purpose: a backup holds members'
words only sealed, and once a person's data key is deleted their words in every backup stay unreadable
(crypto-shredding). The key store has its own short rotation: `tandem backup-keys`.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tandem.core.config import Settings
from tandem.ops.migrate_lock import sqlite_path

DATABASE_FILE = "tandem.db"
SECRET_FILE = "secret_key"  # noqa: S105 (a file name, not a secret)


class BackupError(Exception):
    """Something the person running the command can act on; printed without a traceback."""


@dataclass(frozen=True, slots=True)
class BackupReport:
    folder: Path
    tables: int


POSTGRES_HINT = (
    "TANDEM_DATABASE_URL is PostgreSQL: back it up with `pg_dump --format=custom --file=tandem.dump DBNAME` "
    "and restore with `pg_restore --clean --if-exists --no-owner --dbname=DBNAME tandem.dump` (see README)."
)


def _database_file(settings: Settings) -> Path:
    path = sqlite_path(settings.database_url)
    if path is None:
        raise BackupError(POSTGRES_HINT)
    return path


def backup(settings: Settings, folder: Path) -> BackupReport:
    source_path = _database_file(settings)
    if not source_path.exists():
        raise BackupError(f"There is no database at {source_path} yet.")
    folder.mkdir(parents=True, exist_ok=True)
    target_path = folder / DATABASE_FILE
    if target_path.exists():
        raise BackupError(f"{target_path} exists already; choose an empty folder.")
    partial = target_path.with_name(DATABASE_FILE + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=30)
    target = sqlite3.connect(partial)
    try:
        # One step under a read transaction: a consistent snapshot, WAL included; writers go on meanwhile.
        source.backup(target)
        tables = target.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        check = target.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        target.close()
        source.close()
    if check != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError("The copy failed its integrity check; nothing was written.")
    partial.chmod(0o600)
    partial.rename(target_path)
    secret = settings.data_dir / SECRET_FILE
    if secret.exists():
        shutil.copy2(secret, folder / SECRET_FILE)
        (folder / SECRET_FILE).chmod(0o600)
    return BackupReport(folder=folder, tables=int(tables))


def restore(settings: Settings, folder: Path) -> Path:
    """Put a backup in place of the configured database (the app must be stopped)."""
    target_path = _database_file(settings)
    source_path = folder / DATABASE_FILE
    if not source_path.exists():
        raise BackupError(f"{source_path} is not there: give the folder that `tandem backup` wrote.")
    with sqlite3.connect(f"file:{source_path}?mode=ro", uri=True) as check:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"{source_path} fails its integrity check.")
    target_path.parent.mkdir(parents=True, exist_ok=True)
    staged = target_path.with_name(target_path.name + ".restoring")
    shutil.copy2(source_path, staged)
    staged.chmod(0o600)
    for suffix in ("-wal", "-shm"):
        target_path.with_name(target_path.name + suffix).unlink(missing_ok=True)
    staged.replace(target_path)
    secret = folder / SECRET_FILE
    if secret.exists():
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(secret, settings.data_dir / SECRET_FILE)
        (settings.data_dir / SECRET_FILE).chmod(0o600)
    return target_path
