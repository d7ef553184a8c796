"""Which settings module runs. The settings moved from ``incubator.settings`` to
``config.settings``; a deployment whose environment still names the old module keeps
working, and is told once at start-up to rename it."""

import os
import warnings

RENAMED_FROM = "incubator.settings."
RENAMED_TO = "config.settings."


def settings_module_select(*, default: str = "config.settings.base") -> str:
    name = os.environ.get("DJANGO_SETTINGS_MODULE", default)
    if name.startswith(RENAMED_FROM):
        renamed = RENAMED_TO + name.removeprefix(RENAMED_FROM)
        warnings.warn(
            f"DJANGO_SETTINGS_MODULE={name} is the old name; set it to {renamed}.",
            DeprecationWarning,
            stacklevel=2,
        )
        name = renamed
    os.environ["DJANGO_SETTINGS_MODULE"] = name
    return name
