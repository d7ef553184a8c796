"""A round's open data in one file: every public record of the programme, as the API
writes them, with the licence the secretariat chose."""

import csv
import io
import json
from functools import cache

from django.core.serializers.json import DjangoJSONEncoder

from incubator.models import Programme
from incubator.models.programmes import LICENCE_URLS, DataLicence
from library.access import (
    public_calls,
    public_challenges,
    public_matches,
    public_solutions,
    public_stories,
)
from library.public.records import FIELDS, record

KINDS = {
    "calls": ("call", lambda p: public_calls().filter(programme=p)),
    "challenges": ("challenge", lambda p: public_challenges().filter(call__programme=p)),
    "solutions": ("solution", lambda p: public_solutions().filter(call__programme=p)),
    "matches": ("match", lambda p: public_matches().filter(programme=p)),
    "stories": ("story", lambda p: public_stories().filter(match__programme=p)),
}


def licence_of(programme: Programme) -> dict:
    code = DataLicence(programme.data_licence)
    return {"id": code.value, "name": str(code.label), "url": LICENCE_URLS[code]}


def round_records(programme: Programme) -> dict:
    return {
        "programme": record("programme", programme),
        "licence": licence_of(programme),
        **{
            name: [record(kind, obj) for obj in records(programme)]
            for name, (kind, records) in KINDS.items()
        },
    }


def round_json(programme: Programme) -> str:
    return json.dumps(round_records(programme), cls=DjangoJSONEncoder, ensure_ascii=False)


def _cell(value) -> str:
    if isinstance(value, dict):
        return value.get("name", "") if "name" in value else json.dumps(value)
    if isinstance(value, list):
        return "; ".join(_cell(item) for item in value)
    return "" if value is None else str(value)


def round_csv(programme: Programme, name: str) -> str:
    """One kind of record of the round, a row each; nested teams flattened."""
    kind, records = KINDS[name]
    columns = list(FIELDS[kind])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for obj in records(programme):
        public = record(kind, obj)
        writer.writerow([_cell(public[column]) for column in columns])
    return out.getvalue()


@cache
def api_operations() -> list[dict]:
    """Each operation of the API (path, summary, parameters), from its OpenAPI schema."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary", ""),
            "parameters": [p["name"] for p in operation.get("parameters", ())],
        }
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]
