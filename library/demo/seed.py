"""The demo library: the index written from what the demo rounds made public."""

from library.index import library_refresh


def seed() -> str:
    return f"Library: {library_refresh()} entries."
