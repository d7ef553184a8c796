from django.db import migrations, models


class Migration(migrations.Migration):
    """A partial index over the teams of published challenges: the public list's country
    choices and country filter read it rather than the table."""

    dependencies = [("challenges", "0007_screening_index")]

    operations = [
        migrations.AddIndex(
            model_name="challenge",
            index=models.Index(
                condition=models.Q(("published_at__isnull", False), ("status", "selected")),
                fields=["organisation"],
                name="challenge_published_team_idx",
            ),
        ),
    ]
