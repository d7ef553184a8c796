from django.db import migrations

# A GIN index over the weighted search vector. PostgreSQL only: on SQLite the library's
# search falls back to plain matching and needs no index.
CREATE = (
    "CREATE INDEX IF NOT EXISTS library_entry_search_gin "
    "ON library_libraryentry USING gin (search_vector)"
)
DROP = "DROP INDEX IF EXISTS library_entry_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("library", "0001_library_index")]

    operations = [migrations.RunPython(create_index, drop_index)]
