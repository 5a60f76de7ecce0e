"""search: an index of the content catalogs, on SQLite's FTS5 or PostgreSQL's full-text search

The table holds prepared tokens (tandem.search.text.index_tokens) of prompts and ideas, filled at
start-up from the YAML catalogs. It has no SQLAlchemy model: an FTS5 virtual table cannot have one,
and the two databases need different shapes (env.py leaves it out of the model comparison).

Revision ID: 0031_search
Revises: 0023_daily
Create Date: 2026-11-30 13:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0031_search"
down_revision: str | None = "0029_today"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE TABLE search_documents (
                kind varchar(16) NOT NULL,
                doc_id varchar(80) NOT NULL,
                version varchar(64) NOT NULL,
                title text NOT NULL,
                body text NOT NULL,
                title_terms tsvector GENERATED ALWAYS AS (array_to_tsvector(string_to_array(title, ' '))) STORED,
                body_terms tsvector GENERATED ALWAYS AS (array_to_tsvector(string_to_array(body, ' '))) STORED,
                CONSTRAINT pk_search_documents PRIMARY KEY (kind, doc_id)
            )
            """
        )
        op.execute("CREATE INDEX ix_search_documents_title_terms ON search_documents USING gin (title_terms)")
        op.execute("CREATE INDEX ix_search_documents_body_terms ON search_documents USING gin (body_terms)")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE search_documents USING fts5("
            "kind UNINDEXED, doc_id UNINDEXED, version UNINDEXED, title, body, tokenize = 'unicode61')"
        )


def downgrade() -> None:
    op.execute("DROP TABLE search_documents")
