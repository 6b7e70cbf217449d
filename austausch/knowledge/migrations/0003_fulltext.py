"""The full-text index behind SearchDocument: FTS5 on SQLite, a generated tsvector with GIN on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE knowledge_practice_fts USING fts5("
    "title_terms, body_terms, content='knowledge_searchdocument', content_rowid='practice_id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER knowledge_searchdocument_ai AFTER INSERT ON knowledge_searchdocument BEGIN "
    "INSERT INTO knowledge_practice_fts(rowid, title_terms, body_terms) "
    "VALUES (new.practice_id, new.title_terms, new.body_terms); END",
    "CREATE TRIGGER knowledge_searchdocument_ad AFTER DELETE ON knowledge_searchdocument BEGIN "
    "INSERT INTO knowledge_practice_fts(knowledge_practice_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.practice_id, old.title_terms, old.body_terms); END",
    "CREATE TRIGGER knowledge_searchdocument_au AFTER UPDATE ON knowledge_searchdocument BEGIN "
    "INSERT INTO knowledge_practice_fts(knowledge_practice_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.practice_id, old.title_terms, old.body_terms); "
    "INSERT INTO knowledge_practice_fts(rowid, title_terms, body_terms) "
    "VALUES (new.practice_id, new.title_terms, new.body_terms); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS knowledge_searchdocument_au",
    "DROP TRIGGER IF EXISTS knowledge_searchdocument_ad",
    "DROP TRIGGER IF EXISTS knowledge_searchdocument_ai",
    "DROP TABLE IF EXISTS knowledge_practice_fts",
]

# Each document is stemmed in its own language; 'simple' adds the unstemmed words, so names and
# words of the other language (a German query word in an English text) still match.
LANGUAGE_CONFIG = "(CASE WHEN language = 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END)"
POSTGRESQL = [
    "ALTER TABLE knowledge_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    f"setweight(to_tsvector({LANGUAGE_CONFIG}, title), 'A') || "
    f"setweight(to_tsvector({LANGUAGE_CONFIG}, body), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, title || ' ' || body), 'D')) STORED",
    "CREATE INDEX knowledge_searchdocument_vector ON knowledge_searchdocument USING GIN (search_vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS knowledge_searchdocument_vector",
    "ALTER TABLE knowledge_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_topics")]
    operations = [migrations.RunPython(forward, backward)]
