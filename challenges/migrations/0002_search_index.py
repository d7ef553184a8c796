from django.db import migrations

# A GIN index over the weighted search vector. PostgreSQL only: on SQLite the public
# search falls back to plain matching and needs no index.
CREATE = (
    "CREATE INDEX IF NOT EXISTS challenge_search_vector_gin "
    "ON challenges_challenge USING gin (search_vector)"
)
DROP = "DROP INDEX IF EXISTS challenge_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("challenges", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
