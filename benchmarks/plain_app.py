"""`make bench` only: the app served exactly as `python -m tandem serve`, with encryption at rest taken out.

The side-by-side in bench.py needs the same app without encryption. This launcher, and nothing in the
product, makes that app: before the app is built it takes core/sealing.py's ORM listeners off (no value
is sealed before a flush, none is opened on load, the JSON columns keep their lists) and makes the
cipher an identity (`seal_for` and `open_for`, used by Core statements, store and return plain text).
The keyed hash that finds an account by its email stays, or nobody could sign in. The database it
serves must be its own: bench.py migrates and seeds a fresh one for it, the same way as the real app's.

There is deliberately no setting, environment variable or flag in the app that does this.

Run: `python benchmarks/plain_app.py serve --port PORT` with the app's usual environment.
"""

from __future__ import annotations

import sys
import uuid
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

PLAINTEXT_WARNING = "benchmarks/plain_app.py: serving WITHOUT encryption at rest (a benchmark, never production)"


def _identity_seal(_key: bytes, _owner: uuid.UUID, plaintext: str, _aad: bytes) -> str:
    return plaintext


def _identity_open(_key: bytes, value: str, _aad: bytes) -> str:
    return value


def _digests_only(session: Session, _context: Any, _instances: Any) -> None:
    """What the sealing listener does besides sealing: the keyed hash beside a lookup column (email)."""
    from tandem.core.sealing import _vault, spec_of

    for row in [*session.new, *session.dirty]:
        spec = spec_of(row)
        if spec is None or not spec.digests:
            continue
        state = inspect(row)
        for source, target in spec.digests.items():
            if row in session.new or state.attrs[source].history.has_changes():
                vault = _vault(session)
                if vault is None:
                    raise RuntimeError("no key vault is installed for this database engine")
                setattr(row, target, vault.digest(session.connection(), getattr(row, source)))


def strip_encryption() -> None:
    import tandem.models  # noqa: F401  (every model, so every listener is registered before it is removed)
    from tandem.core import sealing
    from tandem.core.db import Base

    event.remove(Session, "before_flush", sealing._seal_before_flush)
    event.remove(Session, "after_flush_postexec", sealing._unseal_after_flush)
    event.remove(Base, "load", sealing._open_loaded)
    event.remove(Base, "refresh", sealing._open_refreshed)
    event.listen(Session, "before_flush", _digests_only)
    # The names sealing.py calls (seal_for, open_for) look up in its module namespace.
    vars(sealing).update(seal=_identity_seal, open_sealed=_identity_open)


def main() -> int:
    strip_encryption()
    print(PLAINTEXT_WARNING, file=sys.stderr)
    from tandem.__main__ import main as tandem_main

    return tandem_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
