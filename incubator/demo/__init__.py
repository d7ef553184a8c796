"""The demo round's own ground (programme, calls, themes, teams, people) as data, and the
loader every app's demo seeder reads its data with (see data.py and seed.py)."""
