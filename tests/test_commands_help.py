"""Every command of the product answers `--help` with its usage, never a traceback."""

import io
from contextlib import redirect_stdout

import pytest
from django.core.management import ManagementUtility, get_commands

OURS = sorted(name for name, app in get_commands().items() if app.startswith("doithoai"))


def test_the_product_has_its_commands():
    assert {"demo_data", "docs", "petitions", "remind", "workdays", "audit"} <= set(OURS)


@pytest.mark.parametrize("name", OURS)
def test_help_prints_the_usage(name):
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit) as exit_:
        ManagementUtility(["doithoai", name, "--help"]).execute()
    assert exit_.value.code == 0
    assert out.getvalue().startswith(f"usage: doithoai {name}")
