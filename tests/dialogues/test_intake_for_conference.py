"""Opinions collected for a conference: a batch of survey forms or a Front sheet names the
conference, and every petition typed or imported into it joins that conference."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from doithoai.dialogues.actions import conferences, plans
from doithoai.dialogues.selectors import conference_links
from doithoai.org.models import Village
from doithoai.petitions.actions import imports, intake
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.forms.intake import StartBatchForm
from doithoai.petitions.models import Channel, IntakeBatch
from tests.petitions.intake_support import row, xlsx


@pytest.fixture
def upcoming(plan, clerk):
    day = timezone.localdate() + dt.timedelta(days=30)
    while day.weekday() > 4:
        day += dt.timedelta(days=1)
    return conferences.schedule_conference(actor=clerk, plan=plan, data={"held_on": day})


def _batch(clerk, commune, conference):
    return intake.start_batch(actor=clerk, agency=commune, name="Phiếu thôn Nà Pàn",
                              channel=Channel.SURVEY_FORM, received_on=timezone.localdate(),
                              conference=conference)


def test_typed_forms_join_the_batch_conference(commune, clerk, upcoming):
    batch = _batch(clerk, commune, upcoming)
    p = intake.enter_petition(actor=clerk, batch=batch, token=uuid.uuid4().hex,
                              text="Đề nghị sửa cầu tràn.")
    assert conference_links.of_petition(p) == upcoming
    assert list(upcoming.petitions.all()) == [p]


def test_imported_rows_join_the_conference(commune, clerk, upcoming):
    ensure_default_fields(commune)
    result = imports.import_file(actor=clerk, agency=commune, data=xlsx([row(), row("Khác.")]),
                                 filename="mat-tran.xlsx", batch_name="Tổng hợp của Mặt trận",
                                 conference=upcoming)
    assert conference_links.of_batch(result.batch) == upcoming
    assert upcoming.petitions.count() == 2


def test_a_concluded_or_foreign_conference_is_refused(commune, clerk, outsider, upcoming):
    other_plan = plans.create_plan(actor=outsider, agency=outsider.memberships.get().agency,
                                   year=2026)
    foreign = conferences.schedule_conference(actor=outsider, plan=other_plan,
                                              data={"held_on": upcoming.held_on})
    with pytest.raises(ValidationError, match="không thuộc cơ quan"):
        _batch(clerk, commune, foreign)
    upcoming.state = upcoming.State.CONCLUDED
    upcoming.save()
    with pytest.raises(ValidationError, match="thông báo kết luận"):
        _batch(clerk, commune, upcoming)
    assert not IntakeBatch.objects.exists()


def test_the_form_offers_the_next_conference(commune, clerk, upcoming):
    form = StartBatchForm(user=clerk, agencies=[commune])
    assert form.fields["conference"].initial == upcoming.pk
    village = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    form = StartBatchForm({"agency": commune.pk, "name": "Phiếu", "channel": "survey_form",
                           "village": village.pk, "received_on": timezone.localdate(),
                           "conference": upcoming.pk}, user=clerk, agencies=[commune])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["conference"] == upcoming
