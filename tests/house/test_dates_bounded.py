"""Every date a person can type is held to the programme's years (incubator/dates.py):
each date field of every form of the portal and of every admin page. A new form, or a
new date field on a model the admin edits, is checked without editing this test."""

import importlib
import inspect

import pytest
from django import forms
from django.contrib import admin
from django.db import models

from incubator.dates import WithinProgrammeYears
from tests.house.test_house_rules import SOURCES

DATE_FORM_FIELDS = (forms.DateField, forms.DateTimeField, forms.SplitDateTimeField)


def form_modules() -> list[str]:
    return sorted(
        name.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        for name in SOURCES
        if "forms" in name and not name.startswith(("bench/", "config/"))
    )


def date_fields_of_forms() -> list:
    found = []
    for module_name in form_modules():
        module = importlib.import_module(module_name)
        for name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, forms.BaseForm) or form.__module__ != module_name:
                continue
            for field_name, field in form.base_fields.items():
                if isinstance(field, DATE_FORM_FIELDS):
                    found.append(pytest.param(field, id=f"{module_name}.{name}.{field_name}"))
    return found


def is_bounded(field) -> bool:
    return any(isinstance(validator, WithinProgrammeYears) for validator in field.validators)


def test_the_forms_have_date_fields_to_check():
    assert len(date_fields_of_forms()) >= 10


@pytest.mark.parametrize("field", date_fields_of_forms())
def test_every_date_field_of_a_form_keeps_to_the_programme_years(field):
    assert is_bounded(field), "build it with incubator.dates.bounded()"


def admin_date_fields():
    for model, model_admin in admin.site._registry.items():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateField) and field.editable:
                yield pytest.param(model_admin, field, id=f"{model._meta.label}.{field.name}")


@pytest.mark.parametrize(("model_admin", "field"), list(admin_date_fields()))
def test_every_date_the_admin_edits_keeps_to_the_programme_years(model_admin, field):
    form_field = model_admin.formfield_for_dbfield(field, request=None)
    assert form_field is None or is_bounded(form_field)
