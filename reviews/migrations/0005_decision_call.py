import django.db.models.deletion
from django.db import migrations, models


def fill_calls(apps, schema_editor):
    Decision = apps.get_model("reviews", "Decision")
    ReviewItem = apps.get_model("reviews", "ReviewItem")
    for call_id in ReviewItem.objects.order_by().values_list("call_id", flat=True).distinct():
        items = ReviewItem.objects.filter(call_id=call_id).values("pk")
        Decision.objects.filter(item__in=items).update(call_id=call_id)


class Migration(migrations.Migration):
    dependencies = [
        ("incubator", "0006_notification_sealed_copy"),
        ("reviews", "0004_assignment_call"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
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
            model_name="decision",
            name="call",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="incubator.call",
            ),
        ),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(
                condition=models.Q(("released_at__isnull", False)),
                fields=["call", "-released_at", "-id"],
                name="decision_released_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(
                condition=models.Q(("released_at__isnull", True)),
                fields=["call"],
                name="decision_staged_idx",
            ),
        ),
    ]
