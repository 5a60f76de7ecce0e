"""The key store: each person's data key, wrapped by the key-encryption key, kept apart from the data.

On SQLite it is its own file beside the database (`tandem.db` -> `tandem-keys.db`), attached to every
connection as the schema `tandem_keys`; on PostgreSQL it is the schema `tandem_keys`. Backups of the
data leave it out (`tandem backup`, `pg_dump --exclude-schema=tandem_keys`) and it is backed up on its
own short rotation (`tandem backup-keys`), so a deleted person's key is gone from every copy soon.

Keys are unwrapped once and kept in the process for `CACHE_SECONDS` (the running server can read what
it serves anyway); deleting a key forgets it at once in this process.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Column, DateTime, LargeBinary, MetaData, String, Table, Uuid, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, make_url

from tandem.core.crypto import KeyEncryptionKey, keyed_digest, new_data_key

SCHEMA = "tandem_keys"
CACHE_SECONDS = 60.0
# The key of the keyed hash that finds an account by its email: a row of the key store like the others.
INDEX_KEY_OWNER = uuid.UUID(int=0)

keys_metadata = MetaData()
DATA_KEYS = Table(
    "data_keys",
    keys_metadata,
    Column("owner_id", Uuid(), primary_key=True),
    Column("wrapped", LargeBinary(), nullable=False),
    Column("kek_id", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    schema=SCHEMA,
)


def keystore_file(database_url: str) -> Path | None:
    """The key store's file for a SQLite database (None for PostgreSQL or an in-memory database)."""
    url = make_url(database_url)
    if not url.get_backend_name().startswith("sqlite") or not url.database or url.database == ":memory:":
        return None
    path = Path(url.database)
    return path.with_name(f"{path.stem}-keys{path.suffix or '.db'}")


def ensure_keystore(connection: Connection) -> None:
    """Create the key store's table if needed (SQLite: the attached file; PostgreSQL: the schema)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    keys_metadata.create_all(connection, checkfirst=True)


def check_master_key(connection: Connection, kek: KeyEncryptionKey) -> None:
    """Refuse to start with a key-encryption key that did not wrap the stored keys (a wrong or old key)."""
    found = set(connection.execute(select(DATA_KEYS.c.kek_id).distinct()).scalars())
    if found - {kek.key_id}:
        raise RuntimeError(
            f"The master key (id {kek.key_id}) did not wrap the data keys in the key store (ids {sorted(found)}): "
            "check TANDEM_MASTER_KEY, the master_key file or TANDEM_KMS_PROVIDER (README 'Encryption at rest')."
        )


def _insert_ignoring_conflict(connection: Connection, values: dict[str, Any]) -> None:
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(DATA_KEYS).values(**values).on_conflict_do_nothing(index_elements=["owner_id"])
    connection.execute(statement)


class Vault:
    """Finds, creates, destroys and re-wraps data keys; the only holder of the key-encryption key."""

    def __init__(self, kek: KeyEncryptionKey, cache_seconds: float = CACHE_SECONDS) -> None:
        self.kek = kek
        self.cache_seconds = cache_seconds
        # owner -> (data key, when the entry expires, the key's cipher made once for opening values)
        self._cache: dict[uuid.UUID, tuple[bytes, float, AESGCM]] = {}
        # Seconds spent sealing and opening values, for `make bench` (honest cost of the encryption).
        self.crypto_seconds = 0.0

    def _cached(self, owner: uuid.UUID) -> tuple[bytes, float, AESGCM] | None:
        """The owner's cache entry while it has not expired."""
        hit = self._cache.get(owner)
        if hit is None or hit[1] < time.monotonic():
            return None
        return hit

    def keys(self, connection: Connection, owners: Iterable[uuid.UUID], *, create: bool) -> dict[uuid.UUID, bytes]:
        """The data keys of `owners` in one query for those not cached; a missing key (a deleted person)
        is simply absent, unless `create` makes it (a person's first words)."""
        found: dict[uuid.UUID, bytes] = {}
        missing = []
        for owner in set(owners):
            hit = self._cached(owner)
            if hit is None:
                missing.append(owner)
            else:
                found[owner] = hit[0]
        if missing:
            found.update(self._load(connection, missing))
        if create:
            for owner in [o for o in missing if o not in found]:
                _insert_ignoring_conflict(
                    connection,
                    {
                        "owner_id": owner,
                        "wrapped": self.kek.wrap(new_data_key(), owner),
                        "kek_id": self.kek.key_id,
                        "created_at": datetime.now(UTC),
                    },
                )
                # Read back: when two requests made one at once, the stored one wins.
                found.update(self._load(connection, [owner]))
        return found

    def _load(self, connection: Connection, owners: list[uuid.UUID]) -> dict[uuid.UUID, bytes]:
        rows = connection.execute(
            select(DATA_KEYS.c.owner_id, DATA_KEYS.c.wrapped).where(DATA_KEYS.c.owner_id.in_(owners))
        ).all()
        expires = time.monotonic() + self.cache_seconds
        found = {}
        for owner, wrapped in rows:
            key = self.kek.unwrap(bytes(wrapped), owner)
            self._cache[owner] = (key, expires, AESGCM(key))
            found[owner] = key
        return found

    def ciphers(self, connect: Callable[[], Connection], owners: Iterable[uuid.UUID]) -> dict[uuid.UUID, AESGCM]:
        """The ciphers of `owners`' data keys, to open values; `connect` is called only when one is not
        cached. A missing key (a deleted person) is simply absent."""
        found: dict[uuid.UUID, AESGCM] = {}
        missing = []
        for owner in owners:
            hit = self._cached(owner)
            if hit is None:
                missing.append(owner)
            else:
                found[owner] = hit[2]
        if missing:
            self._load(connect(), missing)
            for owner in missing:
                hit = self._cache.get(owner)
                if hit is not None:
                    found[owner] = hit[2]
        return found

    def digest(self, connection: Connection, value: str) -> str:
        """The keyed hash of a lookup value (an email)."""
        key = self.keys(connection, [INDEX_KEY_OWNER], create=True)[INDEX_KEY_OWNER]
        return keyed_digest(key, value)

    def destroy(self, connection: Connection, owners: Iterable[uuid.UUID]) -> None:
        """Crypto-shredding: without its key, every copy of a person's words stays unreadable."""
        owners = list(owners)
        connection.execute(delete(DATA_KEYS).where(DATA_KEYS.c.owner_id.in_(owners)))
        for owner in owners:
            self._cache.pop(owner, None)


def rewrap_all(connection: Connection, old: KeyEncryptionKey, new: KeyEncryptionKey) -> int:
    """Re-wrap every data key under a new key-encryption key, without touching any data."""
    count = 0
    for owner, wrapped in connection.execute(select(DATA_KEYS.c.owner_id, DATA_KEYS.c.wrapped)).all():
        key = old.unwrap(bytes(wrapped), owner)
        connection.execute(
            DATA_KEYS.update()
            .where(DATA_KEYS.c.owner_id == owner)
            .values(wrapped=new.wrap(key, owner), kek_id=new.key_id)
        )
        count += 1
    return count


# The vault of each engine (the app installs one for its engine at start-up).
_VAULTS: WeakKeyDictionary[Engine, Vault] = WeakKeyDictionary()


def install_vault(engine: Engine, vault: Vault) -> None:
    _VAULTS[engine] = vault


def vault_of(engine: Engine) -> Vault | None:
    return _VAULTS.get(engine)
