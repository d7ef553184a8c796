"""The import_programme and export_programme commands: a summary or every problem on its
own line, exit status 1 and no traceback on bad input, UTF-8 JSON out."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from challenges.models import Challenge
from exchange.services import programme_import
from incubator.models import Programme
from tests.exchange.rounds import SAMPLE_PATH, as_bytes, sample, snapshot

ROOT = Path(__file__).resolve().parents[2]


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def bad_file(tmp_path) -> Path:
    data = sample()
    data["organisations"][3]["country"] = "XX"
    del data["challenges"][1]["title"]
    data["solutions"][0]["capacity"] = -1
    path = tmp_path / "bad.json"
    path.write_bytes(as_bytes(data))
    return path


@pytest.mark.django_db
def test_import_programme_imports_the_file_and_says_what_it_did():
    out, err = run("import_programme", str(SAMPLE_PATH))

    assert out.splitlines() == [
        "Programme incubator-2025 (Innovation Incubator 2025) created.",
        "Themes: 4 created, 0 updated, 0 unchanged.",
        "Organisations: 6 created, 0 updated, 0 unchanged.",
        "Challenges: 4 created, 0 updated, 0 unchanged.",
        "Solutions: 5 created, 0 updated, 0 unchanged.",
    ]
    assert err == ""
    assert Challenge.objects.count() == 4


@pytest.mark.django_db
def test_import_programme_twice_reports_everything_unchanged():
    run("import_programme", str(SAMPLE_PATH))

    out, _err = run("import_programme", str(SAMPLE_PATH))

    assert "Challenges: 0 created, 0 updated, 4 unchanged." in out.splitlines()


@pytest.mark.django_db
def test_import_programme_lists_every_problem_on_its_own_line_and_writes_nothing(tmp_path):
    programme_import(data=sample())
    before = snapshot()
    err = io.StringIO()

    with pytest.raises(CommandError, match=r"Nothing was imported: the file has 3 problems\."):
        call_command("import_programme", str(bad_file(tmp_path)), stdout=io.StringIO(), stderr=err)

    assert err.getvalue().splitlines() == [
        "organisations[3].country: 'XX' is not a country code",
        "challenges[1].title: is required but missing",
        "solutions[0].capacity: '-1' is not a whole number from 1 to 32767",
    ]
    assert snapshot() == before


@pytest.mark.django_db
def test_import_programme_says_plainly_when_the_file_cannot_be_read(tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*missing\.json: No such file"):
        run("import_programme", str(tmp_path / "missing.json"))


@pytest.mark.django_db
def test_export_programme_writes_the_round_as_indented_utf8_json():
    programme_import(data=sample())
    data = sample()
    data["organisations"][0]["name"] = "Agência para a Modernização Administrativa"
    programme_import(data=data)

    out, _err = run("export_programme", "incubator-2025")

    assert json.loads(out) == data
    assert "Agência para a Modernização" in out, "non-ASCII letters are written as they are"
    assert out.startswith('{\n  "format": "incubator-exchange/1",\n')


@pytest.mark.django_db
def test_export_programme_names_the_known_programmes_when_the_slug_is_unknown():
    programme_import(data=sample())

    with pytest.raises(CommandError, match=r"No programme has the slug 'incubator-1999'") as caught:
        run("export_programme", "incubator-1999")

    assert "incubator-2025" in str(caught.value)
    assert Programme.objects.count() == 1


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    """A migrated SQLite database of its own for commands run as separate processes."""
    path = tmp_path_factory.mktemp("commands") / "db.sqlite3"
    result = manage(path, "migrate", "--verbosity", "0")
    assert result.returncode == 0, result.stderr.decode()
    return path


def manage(database: Path, *args, stdin: bytes = b"") -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_on_the_command_line_a_bad_file_exits_with_status_1_and_no_traceback(database, tmp_path):
    result = manage(database, "import_programme", str(bad_file(tmp_path)))

    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert "Traceback" not in stderr
    assert "organisations[3].country: 'XX' is not a country code" in stderr.splitlines()
    assert result.stdout == b""


def test_on_the_command_line_a_round_goes_in_from_standard_input_and_out_again(database):
    data = sample()
    data["organisations"][0]["name"] = "Service BC, Colombie-Britannique, Québec voisin"

    imported = manage(database, "import_programme", "-", stdin=as_bytes(data))
    exported = manage(database, "export_programme", "incubator-2025")
    unknown = manage(database, "export_programme", "nope")

    assert imported.returncode == 0, imported.stderr.decode()
    assert exported.returncode == 0, exported.stderr.decode()
    assert json.loads(exported.stdout.decode("utf-8")) == data
    assert "Québec".encode() in exported.stdout
    assert unknown.returncode == 1
    assert b"Traceback" not in unknown.stderr
