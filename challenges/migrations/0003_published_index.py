from django.db import migrations, models


class Migration(migrations.Migration):
    """A partial index over published challenges, newest first: the public list counts
    them and reads its first pages from the index alone."""

    dependencies = [("challenges", "0002_search_index")]

    operations = [
        migrations.AddIndex(
            model_name="challenge",
            index=models.Index(
                condition=models.Q(("published_at__isnull", False), ("status", "selected")),
                fields=["-published_at", "-id"],
                name="challenge_published_idx",
            ),
        ),
    ]
