"""Files in and out go through one place each: every download through
``incubator.downloads.file_download`` (a missing file is a 404), and every file input
says its size limit beside it (the body stops streaming in at UPLOAD_MAX_BYTES)."""

import importlib
import inspect

import pytest
from django import forms
from django.conf import settings

from tests.house.test_dates_bounded import form_modules
from tests.house.test_house_rules import SOURCES

DOWNLOADS = "incubator/downloads.py"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_files_are_sent_only_by_the_one_download(name):
    if name == DOWNLOADS:
        return
    assert "FileResponse" not in SOURCES[name].read_text(), f"{name}: use file_download()"


def file_fields() -> list:
    found = []
    for module_name in form_modules():
        module = importlib.import_module(module_name)
        for name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, forms.BaseForm) and form.__module__ == module_name:
                found += [
                    pytest.param(field, id=f"{module_name}.{name}.{field_name}")
                    for field_name, field in form.base_fields.items()
                    if isinstance(field, forms.FileField)
                ]
    return found


@pytest.mark.parametrize("field", file_fields())
def test_every_file_input_states_its_limit(field):
    assert " MB" in str(field.help_text)


def test_the_upload_handler_that_stops_at_the_limit_comes_first():
    assert settings.FILE_UPLOAD_HANDLERS[0] == "incubator.upload_handlers.UploadLimitHandler"
