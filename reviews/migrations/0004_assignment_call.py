import django.db.models.deletion
from django.db import migrations, models


def fill_calls(apps, schema_editor):
    Assignment = apps.get_model("reviews", "Assignment")
    ReviewItem = apps.get_model("reviews", "ReviewItem")
    for call_id in ReviewItem.objects.order_by().values_list("call_id", flat=True).distinct():
        items = ReviewItem.objects.filter(call_id=call_id).values("pk")
        Assignment.objects.filter(item__in=items).update(call_id=call_id)


class Migration(migrations.Migration):
    dependencies = [
        ("incubator", "0006_notification_sealed_copy"),
        ("reviews", "0003_ranking_figures"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="call",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="incubator.call",
            ),
        ),
        migrations.RunPython(fill_calls, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="assignment",
            name="call",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="incubator.call",
            ),
        ),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(fields=["call", "reviewer"], name="assignment_call_reviewer_idx"),
        ),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(fields=["call", "item"], name="assignment_call_item_idx"),
        ),
    ]
