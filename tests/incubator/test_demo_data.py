"""The demo's content is data: every file beside a seeder loads and is written the one
way, and a record that does not fit fails naming its file and the record."""

import json
import shutil
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings

from challenges.models import Challenge
from incubator.demo.data import DemoDataError, demo_data

SEEDER_FOLDERS = [Path(import_module(name).__file__).parent for name in settings.DEMO_SEEDERS]


def data_files() -> list[Path]:
    return sorted(Path(settings.BASE_DIR).glob("*/demo/*.json"))


def test_every_seeder_has_data_and_every_data_file_sits_beside_a_seeder():
    assert {path.parent for path in data_files()} == set(SEEDER_FOLDERS)


@pytest.mark.parametrize(
    "path", data_files(), ids=lambda path: f"{path.parent.parent.name}/{path.name}"
)
def test_every_data_file_loads_and_is_written_the_one_way(path):
    data = demo_data(path.parent, path.stem)

    assert data
    # Pretty-printed with a 2-space indent, non-ASCII kept as is, so diffs stay readable.
    written = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    assert path.read_text(encoding="utf-8") == written


def test_a_file_that_is_not_json_fails_naming_the_file_and_the_line(tmp_path):
    (tmp_path / "teams.json").write_text('{\n  "teams": [\n    {"name": "Lisbon",\n  ]\n}\n')

    with pytest.raises(DemoDataError) as failure:
        demo_data(tmp_path, "teams")

    assert str(tmp_path / "teams.json") in str(failure.value)
    assert "line 4" in str(failure.value)


def broken_challenges_seeder(tmp_path, monkeypatch, name, breaking):
    """A copy of the challenges seeder beside its data, with the first challenge broken:
    the seeder reads the files next to it, so the copy reads the broken one."""
    package = tmp_path / name
    shutil.copytree(Path(import_module("challenges.demo").__file__).parent, package)
    data = json.loads((package / "challenges.json").read_text(encoding="utf-8"))
    breaking(data["challenges"][0])
    (package / "challenges.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.syspath_prepend(tmp_path)
    return import_module(f"{name}.seed")


def unknown_team(record):
    record["team"] = "Ministry of Nowhere"


def misspelt_field(record):
    record["fields"]["sumary"] = record["fields"].pop("summary")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("breaking", "reason"),
    [
        (unknown_team, "there is no team 'Ministry of Nowhere'"),
        (misspelt_field, "unexpected keyword arguments: 'sumary'"),
    ],
)
def test_a_record_that_does_not_fit_fails_naming_the_file_and_the_record(
    tmp_path, monkeypatch, breaking, reason
):
    import_module("incubator.demo.seed").seed()
    seeder = broken_challenges_seeder(
        tmp_path, monkeypatch, f"broken_{breaking.__name__}", breaking
    )

    with pytest.raises(DemoDataError) as failure:
        seeder.seed()

    message = str(failure.value)
    assert message.startswith(str(tmp_path / f"broken_{breaking.__name__}" / "challenges.json"))
    assert "challenges, record 1 (title 'Registering births in pastoralist communities')" in message
    assert reason in message
    assert not Challenge.objects.exists()
