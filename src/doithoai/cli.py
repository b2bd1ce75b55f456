"""The `doithoai` console script: Django's manage.py under the product's name.

On a development machine it first fills in the environment from the local development file
that `scripts/serve` writes once (doithoai.localenv); production (DEBUG off) never reads it.
"""

import os
import sys


def main() -> None:
    from doithoai import localenv

    localenv.load()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doithoai.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"Lỗi cấu hình: {exc}\n")
        sys.exit(2)
    except OperationalError as exc:
        # An unreachable DATABASE_URL must not end in a traceback.
        from doithoai.dbcheck import database_unreachable_message

        sys.stderr.write(database_unreachable_message(exc) + "\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
