#!/usr/bin/env python
import sys

if __name__ == "__main__":
    from config.environment import settings_module_select

    settings_module_select()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
