"""What a speaker said becomes a petition of the conference, in the lifecycle with its due
date: answered on the spot, assigned to a unit, or sent to the complaint procedure (R21, R22);
the console typing it twice makes one petition."""

import pytest
from django.core.exceptions import ValidationError

from doithoai.audit.models import AuditEvent
from doithoai.core.petition_flow import State
from doithoai.dialogues.selectors import conference_links
from doithoai.live.actions import registrations, sessions, speeches
from doithoai.live.models import Registration
from doithoai.org.models import Unit, Village
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.models import Channel, Field, Kind, Petition
from doithoai.workdays.calendar import get_calendar

Source = Registration.Source
ROAD = "Đường từ thôn Nà Pàn ra quốc lộ xuống cấp, đề nghị sửa trước mùa mưa."


@pytest.fixture
def speaker(session, clerk, commune):
    village = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    registration = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                          full_name="Hoàng Văn Pản", village=village,
                                          topic="Đường liên thôn")
    registrations.call_next(actor=clerk, session=session)
    return registration


@pytest.fixture
def road_field(commune):
    ensure_default_fields(commune)
    return Field.objects.get(agency=commune, code="giao-thong")


def test_what_is_said_becomes_a_petition_of_the_conference(speaker, clerk, road_field,
                                                           conference):
    petition = speeches.record_speech(actor=clerk, registration=speaker, text=ROAD,
                                      field=road_field)
    assert (petition.channel, conference_links.of_petition(petition), petition.received_on) == (
        Channel.CONFERENCE, conference, conference.held_on)
    assert petition.state == State.CLASSIFIED and petition.field == road_field
    assert petition.petitioners.get().full_name == "Hoàng Văn Pản"
    assert petition.village.name == "Thôn Nà Pàn" and petition.tracking_code
    # The console sends it again after a dropped connection: still one petition.
    again = speeches.record_speech(actor=clerk, registration=speaker, text=ROAD,
                                   field=road_field)
    assert again == petition and Petition.objects.filter(conference=conference).count() == 1
    assert AuditEvent.objects.filter(action="live.record").count() == 1


def test_answered_on_the_spot(speaker, clerk, road_field):
    speeches.record_speech(actor=clerk, registration=speaker, text=ROAD, field=road_field)
    petition = speeches.answer_on_the_spot(
        actor=clerk, registration=speaker, answered_by="Bà Lý Thị Dương, Chủ tịch UBND xã",
        text="Xã đưa tuyến đường vào kế hoạch sửa chữa quý I năm sau.")
    assert petition.state == State.ANSWERED_AT_CONFERENCE
    answer = petition.answers.get(is_current=True)
    assert answer.at_conference and answer.answered_by.startswith("Bà Lý Thị Dương")


def test_assigned_to_a_unit_with_its_due_date(speaker, clerk, road_field, commune, conference):
    speeches.record_speech(actor=clerk, registration=speaker, text=ROAD, field=road_field)
    unit = Unit.objects.get(agency=commune, code="kinh-te")
    petition = speeches.assign_for_answer(actor=clerk, registration=speaker, unit=unit)
    assert petition.state == State.ASSIGNED and petition.unit == unit
    # 15 working days counted from the conference day (the conference's rule).
    assert petition.due_rule.startswith("conference")
    assert petition.due_date == get_calendar().add_workdays(conference.held_on,
                                                            conference.answer_workdays)


def test_a_complaint_goes_to_its_procedure(speaker, clerk, road_field, commune):
    speeches.record_speech(actor=clerk, registration=speaker, kind=Kind.COMPLAINT,
                           text="Tôi khiếu nại quyết định thu hồi đất của gia đình.",
                           field=road_field)
    with pytest.raises(ValidationError, match="Khiếu nại, tố cáo không được giao"):
        speeches.assign_for_answer(actor=clerk, registration=speaker,
                                   unit=Unit.objects.get(agency=commune, code="kinh-te"))
    petition = speeches.to_procedure(actor=clerk, registration=speaker, kind=Kind.COMPLAINT,
                                     reason="Khiếu nại quyết định hành chính về đất đai.")
    assert petition.state == State.TRANSFERRED


def test_the_same_matter_is_grouped_with_every_petitioner(session, speaker, clerk,
                                                          road_field, commune):
    first = speeches.record_speech(actor=clerk, registration=speaker, text=ROAD,
                                   field=road_field)
    second = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                    full_name="Lương Văn Khiêm")
    registrations.call_next(actor=clerk, session=session)
    other = speeches.record_speech(actor=clerk, registration=second, field=road_field,
                                   text="Tôi cũng đề nghị sửa đường Nà Pàn.", same_as=first)
    first.refresh_from_db()
    assert first.issue_id and first.issue_id == other.issue_id
    names = {p.full_name for p in first.issue.petitions.all() for p in p.petitioners.all()}
    assert names == {"Hoàng Văn Pản", "Lương Văn Khiêm"}


def test_nothing_is_answered_before_the_speech_is_recorded(session, speaker, clerk):
    with pytest.raises(ValidationError, match="ghi nội dung phát biểu trước"):
        speeches.answer_on_the_spot(actor=clerk, registration=speaker, text="x",
                                    answered_by="Chủ tịch")
    assert not Petition.objects.exists()
    # After the session closes the secretary may still complete the record (until the
    # minutes are adopted, see test_adoption.py).
    sessions.close_session(actor=clerk, session=session)
    assert speeches.record_speech(actor=clerk, registration=speaker, text=ROAD).text == ROAD
