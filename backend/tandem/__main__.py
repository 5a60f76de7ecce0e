"""Command line: `python -m tandem migrate | serve | openapi PATH | backup PATH | restore PATH |
rotate-master-key | backup-keys PATH`."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from pathlib import Path

from tandem.core.config import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tandem")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply database migrations up to the newest")
    serve = commands.add_parser("serve", help="serve the API and the built frontend")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    export = commands.add_parser("openapi", help="write the OpenAPI schema as JSON")
    export.add_argument("path", type=Path)
    backup = commands.add_parser("backup", help="copy the SQLite database and secret key into a folder, while running")
    backup.add_argument("path", type=Path)
    restore = commands.add_parser("restore", help="put a backup folder in place of the SQLite database (app stopped)")
    restore.add_argument("path", type=Path)
    commands.add_parser("rotate-master-key", help="re-wrap every data key under a new master key (data untouched)")
    keys = commands.add_parser("backup-keys", help="copy the key store into a folder, keeping the newest few")
    keys.add_argument("path", type=Path)
    keys.add_argument("--keep", type=int, default=7)
    args = parser.parse_args(argv)

    if args.command == "migrate":
        from tandem.ops.migrate_lock import upgrade_locked

        # Under a lock (PostgreSQL advisory lock, SQLite file lock): concurrent runs wait for each other.
        database_url = Settings.from_env().database_url
        upgrade_locked(database_url)
        # The release's content too, so that the instances started next find it current and skip the
        # sync (about a tenth of a second of each start); an instance still syncs when it is not.
        import asyncio

        from tandem.catalogs import sync_catalogs

        asyncio.run(sync_catalogs(database_url))
        return 0
    if args.command == "serve":
        # Start-up makes about a million objects that live as long as the process: no collection while
        # they are made (about 0.1 s of start-up), and `serve` freezes them out of later ones.
        gc.disable()
        from tandem.ops.server import serve as run_server

        return run_server(args.host, args.port)
    if args.command in ("rotate-master-key", "backup-keys"):
        import os

        from tandem.ops import keys as key_ops

        try:
            if args.command == "rotate-master-key":
                done = key_ops.rotate_master_key(Settings.from_env(), os.environ.get("TANDEM_NEW_MASTER_KEY"))
                print(f"re-wrapped {done.keys} data keys under master key {done.key_id}; the key is in {done.where}")
            else:
                print(f"key store copied to {key_ops.backup_keys(Settings.from_env(), args.path, args.keep)}")
        except key_ops.KeysError as exc:
            print(exc, file=sys.stderr)
            return 1
        return 0
    if args.command in ("backup", "restore"):
        from tandem.ops import backup as backups

        try:
            if args.command == "backup":
                report = backups.backup(Settings.from_env(), args.path)
                print(f"backed up {report.tables} tables and the secret key to {report.folder}")
            else:
                restored = backups.restore(Settings.from_env(), args.path)
                print(f"restored {restored}; start the app to use it")
        except backups.BackupError as exc:
            print(exc, file=sys.stderr)
            return 1
        return 0
    from tandem.app import create_app

    schema = create_app().openapi_schema.to_schema()
    args.path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
