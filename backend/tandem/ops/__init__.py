"""Running Tandem in production: the server with draining, metrics, backups, migrations under a lock."""
