"""A held and concluded conference of Điềm He with petitions in every state, made through the
real services; the counts each test expects are written out by hand next to them."""

import datetime as dt
from zoneinfo import ZoneInfo

from doithoai.dialogues.actions import conferences, outcome, plans
from doithoai.org.models import Unit, User, Village
from doithoai.petitions.actions import answers, assignments, procedures
from doithoai.petitions.actions import intake as petition_intake
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.models import Answer, Kind

HELD_ON = dt.date(2026, 6, 12)  # a Friday
SCHEDULED_ON = dt.date(2026, 5, 4)
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at_local(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=VN)


def held_conference(commune, clerk, leader):
    """An issued and published 2026 plan with a conference held on 12/06/2026, concluded."""
    plan = plans.create_plan(actor=clerk, agency=commune, year=2026)
    plan = plans.issue_plan(actor=clerk, plan=plan, number="27/KH-UBND",
                            issued_on=dt.date(2026, 4, 20))
    plan = plans.publish_plan(actor=clerk, plan=plan, published_on=dt.date(2026, 4, 21))
    conference = conferences.schedule_conference(
        actor=clerk, plan=plan, data={"held_on": HELD_ON, "hall_capacity": 400},
        today=SCHEDULED_ON)
    return plan, conference


def conclude(conference, clerk):
    conference = outcome.record_outcome(actor=clerk, conference=conference,
                                        outcome="Hội nghị diễn ra đúng chương trình.",
                                        attendance=120)
    return outcome.issue_conclusion(
        actor=clerk, conference=conference, number="45/TB-UBND",
        concluded_on=dt.date(2026, 6, 16),
        conclusion="UBND xã giao các đơn vị trả lời bằng văn bản đúng hạn.")


def petitions_in_every_state(commune, conference, clerk, leader):
    """Ten petitions of the conference and one received in the year without a conference.

    Conference petitions (10): at conference 2 (one then closed), written on time 1,
    written late 1, escalated 1, not accepted 1, transferred (denunciation) 1,
    open 3 (one complex: due later). Personal data on each to prove it never leaks.
    """
    officer = User.objects.get(username="kinhte")
    unit = Unit.objects.get(agency=commune, code="kinh-te")
    fields = {f.code: f for f in ensure_default_fields(commune)}
    field = next(iter(fields.values()))
    village = Village.objects.filter(agency=commune).order_by("order").first()

    counter = iter(range(1, 100))

    def receive(text, kind=Kind.OPINION, conference=conference):
        n = next(counter)
        intake = petition_intake.Intake(
            agency=commune, text=text, channel="survey_form", received_on=dt.date(2026, 6, 1),
            village_id=village.pk, conference=conference, kind=kind, field=field,
            petitioners=[petition_intake.PetitionerData(full_name=f"Hoàng Văn Bí Mật {n}",
                                                        phone=f"0912 345 6{n:02d}",
                                                        village_id=village.pk)])
        return petition_intake.receive(intake, actor=clerk)

    def written(text):
        p = receive(text)
        p = assignments.assign(actor=clerk, petition=p, unit=unit)
        answers.draft_answer(actor=officer, petition=p, text=f"Trả lời: {text}")
        p = answers.approve_answer(actor=leader, petition=p)
        return answers.publish_answer(actor=clerk, petition=p)

    made = {}
    p = receive("Đề nghị sửa đường liên thôn Nà Pàn.")
    made["at_conference"] = answers.answer_at_conference(
        actor=clerk, petition=p, text="Đã có kế hoạch sửa trong quý III.",
        answered_by="Chủ tịch UBND xã")
    p = receive("Đề nghị lắp đèn chiếu sáng ngã ba chợ.")
    p = answers.answer_at_conference(actor=clerk, petition=p, text="Sẽ lắp trong tháng 7.",
                                     answered_by="Phó Chủ tịch UBND xã")
    made["at_conference_closed"] = procedures.close(actor=clerk, petition=p)
    on_time = written("Đề nghị nạo vét mương thủy lợi Khòn Pầu.")
    Answer.objects.filter(petition=on_time).update(published_at=at_local(on_time.due_date, 16))
    made["on_time"] = on_time
    late = written("Đề nghị hỗ trợ giống cây trồng sau lũ.")
    Answer.objects.filter(petition=late).update(
        published_at=at_local(late.due_date + dt.timedelta(days=1), 9))
    made["late"] = late
    p = receive("Đề nghị cấp giấy chứng nhận quyền sử dụng đất.")
    made["escalated"] = procedures.escalate(
        actor=clerk, petition=p, receiving_agency="Sở Nông nghiệp và Môi trường",
        follow_up_on=dt.date(2026, 8, 1), reason="Thuộc thẩm quyền cấp tỉnh.")
    p = receive("Ý kiến không rõ nội dung.")
    made["not_accepted"] = procedures.not_accept(
        actor=clerk, petition=p, reason="Không rõ nội dung.", where_to_go="Liên hệ thôn.")
    p = receive("Tố cáo cán bộ địa chính Lường Văn Tố nhận tiền.", kind=Kind.DENUNCIATION)
    made["denunciation"] = procedures.transfer_to_procedure(
        actor=clerk, petition=p, kind=Kind.DENUNCIATION, reason="Đơn tố cáo.")
    made["open_assigned"] = assignments.assign(actor=clerk, petition=receive(
        "Đề nghị xây nhà văn hóa thôn."), unit=unit)
    made["open_received"] = receive("Đề nghị tăng cường tuần tra ban đêm.")
    p = receive("Tranh chấp đất giữa hai hộ kéo dài.")
    made["open_complex"] = assignments.classify(actor=clerk, petition=p, kind=Kind.OPINION,
                                                field=field, urgency="normal", is_complex=True)
    made["no_conference"] = receive("Đề nghị sửa cống thoát nước.", conference=None)
    return made
