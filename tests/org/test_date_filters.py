"""The templates' date filters write the law's format through core.dates, as `|date` did."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import timezone


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_day_is_a_builtin_and_writes_the_law_s_format():
    assert render("{{ d|day }}", d=dt.date(2026, 12, 7)) == "07/12/2026"
    assert render("{{ d|day }}", d=dt.date(2026, 12, 7)) == render('{{ d|date:"d/m/Y" }}',
                                                                  d=dt.date(2026, 12, 7))


def test_moment_writes_time_then_day():
    at = dt.datetime(2026, 12, 7, 8, 30)
    assert render("{{ t|moment }}", t=at) == "08:30 07/12/2026"
    assert render("{{ t|moment }}", t=at) == render('{{ t|date:"H:i d/m/Y" }}', t=at)


@pytest.mark.parametrize("source", ["{{ t|day }}", "{{ t|moment }}"])
def test_a_moment_is_shown_in_local_time(source):
    # 23:30 UTC is the next morning in Vietnam (UTC+7).
    at = dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.UTC)
    django_format = "d/m/Y" if "day" in source else "H:i d/m/Y"
    with timezone.override("Asia/Ho_Chi_Minh"):
        shown = render(source, t=at)
        assert shown == render(f'{{{{ t|date:"{django_format}" }}}}', t=at)
    assert "07/12/2026" in shown


@pytest.mark.parametrize("value", [None, "", "not a date", 12])
def test_no_date_gives_nothing_as_date_did(value):
    assert render("{{ v|day }}|{{ v|moment }}", v=value) == "|"
    assert render('{{ v|day|default:"—" }}', v=value) == "—"
