"""A text's phrase vectors are kept in its row, read in one lookup per text rather than
one per phrase: a round's 160,000 phrases in 20,000 rows. At 14 kB a row they go to
PostgreSQL's TOAST table, stored as they are: floats do not compress, and not trying
saves the attempt on every write. Rows stored before get their phrase vectors the next
time their text is embedded (`embeddings_store`), from the phrases' own rows kept then."""

from django.db import migrations, models

TABLE = "matching_textembedding"


def store_uncompressed(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN phrase_vectors SET STORAGE EXTERNAL")


class Migration(migrations.Migration):
    dependencies = [("matching", "0005_embeddings_kept_in_their_rows")]

    operations = [
        migrations.AddField(
            model_name="textembedding",
            name="phrase_vectors",
            field=models.BinaryField(null=True),
        ),
        migrations.AddField(
            model_name="textembedding",
            name="phrases_hash",
            field=models.CharField(blank=True, max_length=64, db_default=""),
        ),
        migrations.RunPython(store_uncompressed, migrations.RunPython.noop),
    ]
