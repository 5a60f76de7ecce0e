"""members' words encrypted at rest under per-person data keys; emails found by a keyed hash

Every free-text column a member writes becomes TEXT holding a sealed value (core/crypto.py), and
existing rows are sealed in place under their author's data key (made here, in the key store, wrapped
by the key-encryption key from TANDEM_MASTER_KEY / the master_key file / TANDEM_KMS_PROVIDER). Emails
get a keyed hash, the only thing the unique constraint and the login lookup use. The downgrade opens
every value again (a value whose key was deleted becomes "[unreadable]") and drops the hash.

Revision ID: 0027_encrypt
Revises: 0030_idempotency
Create Date: 2026-11-30 13:45:00
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, NamedTuple

import sqlalchemy as sa
from alembic import op
from sqlalchemy.engine import Connection

if TYPE_CHECKING:
    from tandem.core.keystore import Vault

revision: str = "0027_encrypt"
down_revision: str | None = "0030_idempotency"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNREADABLE = "[unreadable]"

# (table, column, its length before, nullable)
RETYPED = [
    ("users", "email", 254, False),
    ("users", "display_name", 60, False),
    ("checkins", "help_from_you", 280, False),
    ("checkins", "note", 2000, False),
    ("checkin_acknowledgements", "reply", 280, False),
    ("conversation_answers", "text", 2000, False),
    ("plans", "idea_title", 120, True),
    ("custom_ideas", "title", 120, False),
    ("custom_activities", "title", 80, False),
    ("custom_activities", "note", 500, False),
    ("dilator_sizes", "label", 48, False),
    ("practice_entries", "note", 2000, True),
    ("practice_goals", "title", 120, False),
    ("clinician_plans", "notes", 1000, True),
    ("progress_summaries", "message", 1000, True),
    ("progress_summary_lines", "text", 300, False),
    ("safety_settings", "quick_exit_url", 500, True),
    ("auth_factors", "name", 60, False),
    ("auth_factors", "totp_secret", 64, True),
]


class Sealed(NamedTuple):
    table: str
    columns: tuple[str, ...]
    owner: str = "author_id"
    row_key: str = "id"
    json_columns: tuple[str, ...] = ()


# Frozen here (not read from the models), so this migration means the same thing forever.
SEALED = [
    Sealed("users", ("email", "display_name"), owner="id"),
    Sealed("checkins", ("help_from_you", "note", "own_words"), json_columns=("own_words",)),
    Sealed("checkin_acknowledgements", ("reply",)),
    Sealed("conversation_answers", ("text",)),
    Sealed("plans", ("note", "idea_title")),
    Sealed("plans", ("pause_note",), owner="pause_note_by"),
    Sealed("plan_reflections", ("note",)),
    Sealed("custom_ideas", ("title", "description")),
    Sealed("custom_activities", ("title", "note")),
    Sealed("dilator_sizes", ("label",)),
    Sealed("practice_entries", ("note",)),
    Sealed("practice_goals", ("title",)),
    Sealed("clinician_plans", ("notes",)),
    Sealed("progress_summaries", ("message",)),
    Sealed("safety_settings", ("quick_exit_url",), owner="user_id", row_key="user_id"),
    # A factor's name is the member's words; an authenticator app's shared secret opens their account.
    Sealed("auth_factors", ("name", "totp_secret"), owner="user_id"),
]


def _retype(to_text: bool) -> None:
    by_table: dict[str, list[tuple[str, int, bool]]] = {}
    for table, column, length, nullable in RETYPED:
        by_table.setdefault(table, []).append((column, length, nullable))
    for table, columns in by_table.items():
        with op.batch_alter_table(table) as batch:
            for column, length, nullable in columns:
                old, new = sa.String(length=length), sa.Text()
                batch.alter_column(
                    column,
                    existing_type=old if to_text else new,
                    type_=new if to_text else old,
                    existing_nullable=nullable,
                )


@contextmanager
def _keystore(bind: Connection) -> Iterator[Connection]:
    """The key store's connection: the same one on PostgreSQL (schema tandem_keys), the separate file on SQLite."""
    from tandem.core.keystore import SCHEMA, ensure_keystore, keystore_file

    if bind.dialect.name == "postgresql":
        ensure_keystore(bind)
        yield bind
        return
    path = keystore_file(bind.engine.url.render_as_string(hide_password=False))
    if path is None:
        raise RuntimeError("an in-memory SQLite database has no key store file")
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as raw:
            connection = raw.execution_options(schema_translate_map={SCHEMA: None})
            ensure_keystore(connection)
            yield connection
    finally:
        engine.dispose()


def _has_people(bind: Connection) -> bool:
    return bool(bind.execute(sa.text("SELECT count(*) FROM users")).scalar())


def _vault() -> Vault:
    from tandem.core.config import Settings
    from tandem.core.crypto import kek_from_settings
    from tandem.core.keystore import Vault

    # No cache: nothing outlives the migration.
    return Vault(kek_from_settings(Settings.from_env()), cache_seconds=0)


def _rows(bind: Connection, spec: Sealed) -> tuple[sa.TableClause, list[tuple[object, ...]]]:
    """(table, [(row id, owner, *values)]) for one spec (the owner may be the row id itself: users)."""
    names = list(dict.fromkeys([spec.row_key, spec.owner, *spec.columns]))
    table = sa.table(
        spec.table,
        *[
            sa.column(
                n, sa.JSON() if n in spec.json_columns else sa.Uuid() if n in (spec.row_key, spec.owner) else sa.Text()
            )
            for n in names
        ],
    )
    rows = []
    for found in bind.execute(sa.select(*table.c)).mappings():
        rows.append((found[spec.row_key], found[spec.owner], *[found[c] for c in spec.columns]))
    return table, rows


def _line_rows(bind: Connection) -> tuple[sa.TableClause, list[tuple[object, ...]]]:
    lines = sa.table(
        "progress_summary_lines",
        sa.column("id", sa.Uuid()),
        sa.column("summary_id", sa.Uuid()),
        sa.column("text", sa.Text()),
    )
    summaries = sa.table("progress_summaries", sa.column("id", sa.Uuid()), sa.column("author_id", sa.Uuid()))
    query = sa.select(lines.c.id, summaries.c.author_id, lines.c.text).join(
        summaries, summaries.c.id == lines.c.summary_id
    )
    return lines, [tuple(row) for row in bind.execute(query).all()]


def _all_rows(bind: Connection) -> Iterator[tuple[Sealed, sa.TableClause, tuple[object, ...]]]:
    for spec in SEALED:
        table, rows = _rows(bind, spec)
        for row in rows:
            yield spec, table, row
    lines_spec = Sealed("progress_summary_lines", ("text",))
    table, rows = _line_rows(bind)
    for row in rows:
        yield lines_spec, table, row


def _rewrite(bind: Connection, *, sealing: bool) -> None:
    from tandem.core.crypto import UndecryptableError, associated_data, is_sealed, open_sealed, seal, sealed_owner

    vault = _vault()
    with _keystore(bind) as keys_connection:
        for spec, _table, row in _all_rows(bind):
            row_id, owner, *values = row
            changes: dict[str, object] = {}
            for column, value in zip(spec.columns, values, strict=True):
                if value is None or value in ("", []):
                    continue
                if sealing:
                    if not isinstance(owner, uuid.UUID):
                        continue
                    text = json.dumps(value) if column in spec.json_columns else str(value)
                    key = vault.keys(keys_connection, [owner], create=True)[owner]
                    changes[column] = seal(key, owner, text, associated_data(spec.table, column, row_id, owner))
                    if spec.table == "users" and column == "email":
                        changes["email_hash"] = vault.digest(keys_connection, text)
                elif is_sealed(value):
                    plain: object
                    try:
                        writer = sealed_owner(str(value))
                        found = vault.keys(keys_connection, [writer], create=False)
                        if writer not in found:
                            raise UndecryptableError("the key was deleted")
                        aad = associated_data(spec.table, column, row_id, writer)
                        plain = open_sealed(found[writer], str(value), aad)
                        if column in spec.json_columns:
                            plain = json.loads(str(plain))
                    except UndecryptableError:
                        plain = [UNREADABLE] if column in spec.json_columns else UNREADABLE
                    changes[column] = plain
            if changes:
                target = sa.table(
                    spec.table,
                    sa.column(spec.row_key, sa.Uuid()),
                    *[sa.column(c, sa.JSON() if c in spec.json_columns else sa.Text()) for c in changes],
                )
                bind.execute(target.update().where(target.c[spec.row_key] == row_id).values(**changes))


def upgrade() -> None:
    _retype(to_text=True)
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("email_hash", sa.String(length=64), nullable=True))
    bind = op.get_bind()
    if _has_people(bind):
        _rewrite(bind, sealing=True)
    else:
        with _keystore(bind):
            pass  # the key store exists from here on, even before anyone signs up
    with op.batch_alter_table("users") as batch:
        batch.alter_column("email_hash", existing_type=sa.String(length=64), nullable=False)
        batch.drop_constraint("uq_users_email", type_="unique")
        batch.create_unique_constraint("uq_users_email_hash", ["email_hash"])


def downgrade() -> None:
    bind = op.get_bind()
    if _has_people(bind):
        _rewrite(bind, sealing=False)
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("uq_users_email_hash", type_="unique")
        batch.drop_column("email_hash")
        batch.create_unique_constraint("uq_users_email", ["email"])
    _retype(to_text=False)
    # The key store is left in place: it holds nothing readable without the key-encryption key, and a
    # later upgrade finds the same keys again.
