"""`tandem rotate-master-key` and `tandem backup-keys PATH` (README "Encryption at rest").

Rotation re-wraps every data key under a new key-encryption key in one transaction, without touching
any data. With the key file (no TANDEM_MASTER_KEY), the new key is written first to `master_key.next`,
the key store is re-wrapped, then the file takes its place; with TANDEM_MASTER_KEY the new key comes
from TANDEM_NEW_MASTER_KEY and the operator swaps the variables afterwards.

The key store is backed up on its own, short rotation: only the newest `keep` copies are kept, so a
deleted person's key is gone from every key backup after `keep` runs (data backups never hold keys).
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Connection

from tandem.core.config import Settings
from tandem.core.crypto import MASTER_KEY_FILE, KeyEncryptionKey, kek_from_settings, new_master_key, parse_master_key
from tandem.core.db import make_engine
from tandem.core.keystore import ensure_keystore, keystore_file, rewrap_all


class KeysError(Exception):
    """Something the operator can act on; printed without a traceback."""


@dataclass(frozen=True, slots=True)
class Rotated:
    keys: int
    key_id: str
    where: str


async def _rewrap(settings: Settings, old: KeyEncryptionKey, new: KeyEncryptionKey) -> int:
    engine = make_engine(settings.database_url, pooled=False, limits=settings.db_limits)
    try:
        async with engine.begin() as connection:

            def run(sync: Connection) -> int:
                ensure_keystore(sync)
                return rewrap_all(sync, old, new)

            return await connection.run_sync(run)
    finally:
        await engine.dispose()


def rotate_master_key(settings: Settings, new_key: str | None = None) -> Rotated:
    old = kek_from_settings(settings)
    if settings.kms_provider:
        raise KeysError("TANDEM_KMS_PROVIDER is set: rotate the key in the key-management service instead.")
    if settings.master_key:
        if not new_key:
            raise KeysError("TANDEM_MASTER_KEY is set: give the new key in TANDEM_NEW_MASTER_KEY, then swap them.")
        count = asyncio.run(_rewrap(settings, old, parse_master_key(new_key)))
        return Rotated(count, parse_master_key(new_key).key_id, "TANDEM_NEW_MASTER_KEY (now set TANDEM_MASTER_KEY)")
    text = new_key or new_master_key()
    new = parse_master_key(text)
    path = settings.data_dir / MASTER_KEY_FILE
    staged = path.with_name(MASTER_KEY_FILE + ".next")
    staged.unlink(missing_ok=True)
    fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    # If this stops between the commit and the rename, master_key.next holds the key that opens the store.
    count = asyncio.run(_rewrap(settings, old, new))
    staged.replace(path)
    return Rotated(count, new.key_id, str(path))


def backup_keys(settings: Settings, folder: Path, keep: int = 7) -> Path:
    """Copy the SQLite key store into `folder` as keys-<time>.db and keep only the newest `keep`."""
    source_path = keystore_file(settings.database_url)
    if source_path is None:
        raise KeysError(
            "PostgreSQL: back the key store up with `pg_dump --schema=tandem_keys`, and the data with "
            "`pg_dump --exclude-schema=tandem_keys` (see README)."
        )
    if not source_path.exists():
        raise KeysError(f"There is no key store at {source_path} yet.")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"keys-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}.db"
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    target.chmod(0o600)
    for old in sorted(folder.glob("keys-*.db"))[:-keep]:
        old.unlink()
    return target
