from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_reviewers(apps, schema_editor):
    """What reviews.services.figures.reviewers_refresh keeps, for the items there are."""
    Assignment = apps.get_model("reviews", "Assignment")
    ReviewItem = apps.get_model("reviews", "ReviewItem")
    per_item = (
        Assignment.objects.filter(item=OuterRef("pk"))
        .order_by()
        .values("item")
        .annotate(n=Count("pk"))
        .values("n")
    )
    ReviewItem.objects.update(reviewers=Coalesce(Subquery(per_item), 0))


class Migration(migrations.Migration):
    dependencies = [("reviews", "0005_decision_call")]

    operations = [
        migrations.AddField(
            model_name="reviewitem",
            name="reviewers",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(count_reviewers, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="reviewitem",
            index=models.Index(fields=["call", "reviewers"], name="item_reviewers_idx"),
        ),
    ]
