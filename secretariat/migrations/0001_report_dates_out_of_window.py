"""Dates stored before every entrance kept to PROGRAMME_YEARS: each one outside is
reported; an optional one is cleared, a required one is left for the secretariat to
correct in the admin (the report names it). Here, above every app, to see all their models."""

from django.db import migrations

from incubator.dates import dates_out_of_window


def report_and_repair(apps, schema_editor):
    for found in dates_out_of_window(repair=True, registry=apps):
        done = "cleared" if found.repaired else "left as it is: correct it by hand"
        print(f"\n  Date outside the programme's years: {found.model} {found.pk} {found.field}, {done}")


class Migration(migrations.Migration):
    dependencies = [
        ("incubator", "0003_content_in_french"),
        ("challenges", "0005_exchange_ref"),
        ("solutions", "0002_exchange_ref"),
        ("reviews", "0002_content_in_french"),
        ("matching", "0001_initial"),
        ("incubation", "0001_initial"),
        ("cohorts", "0002_content_in_french"),
        ("outcomes", "0001_initial"),
    ]

    operations = [migrations.RunPython(report_and_repair, migrations.RunPython.noop)]
