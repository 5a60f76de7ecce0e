"""Envelope encryption of members' words (see README "Encryption at rest").

Every value is sealed with AES-256-GCM under its author's data key. The associated data binds the
value to its table, column, row and author, so a value copied into another row, column or table does
not open. Data keys are random, one per person, and are only ever stored wrapped by a key-encryption
key (KEK) that never sits in the database: `TANDEM_MASTER_KEY`, else a key file beside the generated
secret key, else a key-management service (`TANDEM_KMS_PROVIDER`, see `KeyEncryptionKey`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import importlib
import os
import secrets
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeGuard

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

if TYPE_CHECKING:
    from tandem.core.config import Settings

# A sealed value: "tdm1.<author uuid hex>.<base64url(nonce | ciphertext | tag)>". The author is in
# clear (author_id is a plain column already) so a value says which key opens it.
PREFIX = "tdm1."
NONCE_BYTES = 12
KEY_BYTES = 32
MASTER_KEY_FILE = "master_key"


class UndecryptableError(Exception):
    """A sealed value that does not open: wrong row, column or table, tampered, or its key is gone."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def associated_data(table: str, column: str, row_id: object, owner: uuid.UUID) -> bytes:
    return f"tandem|{table}|{column}|{row_id}|{owner.hex}".encode()


def is_sealed(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and value.startswith(PREFIX)


def sealed_owner(value: str) -> uuid.UUID:
    """Whose key opens a sealed value (raises UndecryptableError for anything that is not one)."""
    owner_hex = value[len(PREFIX) :].split(".", 1)[0]
    owner = _OWNERS.get(owner_hex)
    if owner is None:
        try:
            owner = uuid.UUID(hex=owner_hex)
        except (ValueError, IndexError) as exc:
            raise UndecryptableError("not a sealed value") from exc
        if len(_OWNERS) >= _OWNERS_MAX:
            _OWNERS.clear()
        _OWNERS[owner_hex] = owner
    return owner


# Parsed owners by their hex: a page of rows names the same one or two people again and again.
_OWNERS: dict[str, uuid.UUID] = {}
_OWNERS_MAX = 4096


def seal(key: bytes, owner: uuid.UUID, plaintext: str, aad: bytes) -> str:
    nonce = os.urandom(NONCE_BYTES)
    body = AESGCM(key).encrypt(nonce, plaintext.encode(), aad)
    return f"{PREFIX}{owner.hex}.{_b64(nonce + body)}"


def open_sealed(key: bytes, value: str, aad: bytes) -> str:
    """The plaintext, or UndecryptableError when the value was not sealed for exactly this place (aad)."""
    return open_with(AESGCM(key), value, aad)


def open_with(cipher: AESGCM, value: str, aad: bytes) -> str:
    """`open_sealed` with the key's cipher made once (a page opens many values under the same key)."""
    try:
        raw = _unb64(value[len(PREFIX) :].split(".", 1)[1])
        return cipher.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad).decode()
    except (InvalidTag, ValueError, IndexError) as exc:
        raise UndecryptableError(
            "this value does not belong here (another row, column or table) or was changed; it is not shown"
        ) from exc


def keyed_digest(key: bytes, value: str) -> str:
    """A keyed hash for equality lookups (emails): HMAC-SHA-256, hex."""
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


# --- key-encryption keys ------------------------------------------------------------------------


class KeyEncryptionKey(Protocol):
    """Wraps and unwraps data keys. To plug in a key-management service, write a class with these
    two methods and `key_id` (calling the service's encrypt/decrypt, e.g. AWS KMS Encrypt/Decrypt or
    Vault transit), a factory `def make(settings) -> KeyEncryptionKey`, and set
    `TANDEM_KMS_PROVIDER=package.module:make`. The data keys then never meet a key the server holds."""

    @property
    def key_id(self) -> str: ...

    def wrap(self, data_key: bytes, owner: uuid.UUID) -> bytes: ...

    def unwrap(self, wrapped: bytes, owner: uuid.UUID) -> bytes: ...


class LocalKek:
    """A 256-bit master key held by the server process: AES-GCM, the owner's id as associated data."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("the master key must be 32 bytes (base64url, 43 characters)")
        self._aead = AESGCM(key)
        self._id = hashlib.sha256(b"tandem-kek-id|" + key).hexdigest()[:16]

    @property
    def key_id(self) -> str:
        return self._id

    def wrap(self, data_key: bytes, owner: uuid.UUID) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, data_key, b"tandem-data-key|" + owner.bytes)

    def unwrap(self, wrapped: bytes, owner: uuid.UUID) -> bytes:
        try:
            return self._aead.decrypt(wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], b"tandem-data-key|" + owner.bytes)
        except InvalidTag as exc:
            raise UndecryptableError(f"the data key of {owner} does not open with master key {self._id}") from exc


def new_master_key() -> str:
    return _b64(secrets.token_bytes(KEY_BYTES))


def parse_master_key(text: str) -> LocalKek:
    try:
        return LocalKek(_unb64(text.strip()))
    except ValueError as exc:
        raise ValueError("TANDEM_MASTER_KEY must be 32 random bytes in base64url (43 characters)") from exc


def _load_or_create_master_key_file(data_dir: Path) -> LocalKek:
    """Beside the generated secret key, mode 600; made on first use."""
    path = data_dir / MASTER_KEY_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it a moment ago
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(new_master_key())
    return parse_master_key(path.read_text())


def kek_from_settings(settings: Settings) -> KeyEncryptionKey:
    if settings.kms_provider:
        module_name, _, factory_name = settings.kms_provider.partition(":")
        factory = getattr(importlib.import_module(module_name), factory_name or "make")
        kek: KeyEncryptionKey = factory(settings)
        return kek
    if settings.master_key:
        return parse_master_key(settings.master_key)
    return _load_or_create_master_key_file(settings.data_dir)
