"""The demo library: each demo round's licence for its open data (open_data.json), then
the index written from what the demo rounds made public."""

from incubator.demo.data import demo_data
from incubator.models import Programme
from library.index import library_refresh


def seed() -> str:
    for slug, licence in demo_data(__name__, "open_data")["licences"].items():
        Programme.objects.filter(slug=slug).update(data_licence=licence)
    return f"Library: {library_refresh()} entries."
