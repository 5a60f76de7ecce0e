"""Command line: `python -m tandem migrate | serve | openapi PATH`."""

from __future__ import annotations

import argparse
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
    args = parser.parse_args(argv)

    if args.command == "migrate":
        from tandem.migrations.runner import upgrade

        upgrade(Settings.from_env().database_url)
        return 0
    if args.command == "serve":
        import uvicorn

        uvicorn.run(
            "tandem.app:app_from_env",
            factory=True,
            host=args.host,
            port=args.port,
            server_header=False,
            # h11 hands the request target on as it came, so an absolute-form target naming a foreign
            # host is seen (and refused) by AllowedHostsMiddleware; httptools drops its host part.
            http="h11",
            proxy_headers=False,
            access_log=False,
            timeout_graceful_shutdown=10,
        )
        return 0
    from tandem.app import create_app

    schema = create_app().openapi_schema.to_schema()
    args.path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
