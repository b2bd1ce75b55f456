"""The commune's summary reports of the opinions sent before a conference, rendered once for
test_format_bao_cao_tong_hop.py (the upcoming conference's report, part by part) and
test_format_bao_cao_tong_hop_cases.py (the June conference, missing data, NFD text, long names,
500 opinions): their scenario (on tests/builders.py's year) and the texts it plants."""

import datetime as dt

from doithoai.demo.dialogues import UPCOMING_OPINIONS
from doithoai.dialogues.models import Conference, Milestone, PreparedAnswer
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx
from doithoai.documents.selectors import drafts
from doithoai.org.models import Unit, User, Village
from doithoai.petitions.actions import intake, issues
from doithoai.petitions.models import (
    Channel,
    Field,
    Issue,
    Kind,
    Petition,
    Urgency,
)
from tests import builders
from tests.documents.conftest import nfd

CODE = "bao-cao-tong-hop"
KIND = KINDS[CODE]
ISSUED_ON = dt.date(2026, 12, 7)
ISSUE_TITLE = "Sửa cầu tràn đầu thôn Nà Pàn"
COMPLAINT = "Ông Nông Văn Khiếu khiếu nại việc thu hồi đất ruộng của gia đình tôi."
DENUNCIATION = "Tôi tố cáo cán bộ địa chính nhận tiền của dân khi làm sổ đỏ."
HIDDEN = "Đề nghị xem xét hoàn cảnh riêng của gia đình tôi về khoản vay ngân hàng."
SPOKEN = "Ý kiến phát biểu tại hội nghị về chợ phiên."
LARGE = 500


def _receive(agency, clerk, text, *, village, field, kind=Kind.OPINION, channel=None,
             urgency=Urgency.NORMAL, conference, key, people=()):
    return intake.receive(intake.Intake(
        agency=agency, text=text, channel=channel or Channel.SURVEY_FORM,
        received_on=dt.date(2026, 11, 22), kind=kind, field=field, urgency=urgency,
        village_id=village.pk, conference=conference, submission_key=key,
        petitioners=[intake.PetitionerData(full_name=n, village_id=village.pk)
                     for n in people]), actor=clerk)


def _enrich(upcoming):
    """What the villages sent besides the builder's opinions: the same ford raised by another
    village with three signatures (grouped with the first into an issue), a complaint, a
    denunciation, an opinion kept from the public; and one spoken at the conference."""
    agency = upcoming.agency
    clerk = User.objects.get(username="vanphong")
    villages = {v.name: v for v in Village.objects.filter(agency=agency)}
    fields = {f.code: f for f in Field.objects.filter(agency=agency)}
    ford = Petition.objects.get(conference=upcoming, text=UPCOMING_OPINIONS[0][2])
    same = _receive(agency, clerk, "Cầu tràn đầu thôn Nà Pàn ngập nước, học sinh Bản Chu "
                    "không đến trường được.", village=villages["Thôn Bản Chu"],
                    field=fields["giao-thong"], urgency=Urgency.URGENT, conference=upcoming,
                    key="bc-1", people=("Hoàng Văn A", "Lục Thị B", "Nông Văn C"))
    issues.group_into_issue(actor=clerk, petitions=[ford, same], title=ISSUE_TITLE)
    _receive(agency, clerk, COMPLAINT, village=villages["Thôn Bản Thẳm"],
             field=fields["dat-dai"], kind=Kind.COMPLAINT, conference=upcoming, key="bc-2",
             people=("Nông Văn Khiếu",))
    _receive(agency, clerk, DENUNCIATION, village=villages["Thôn Khòn Pát"],
             field=fields["dat-dai"], kind=Kind.DENUNCIATION, conference=upcoming, key="bc-3",
             people=("Người tố cáo",))
    hidden = _receive(agency, clerk, HIDDEN, village=villages["Thôn Nà Pàn"],
                      field=fields["chinh-sach-xa-hoi"], kind=Kind.REPORT,
                      channel=Channel.ONLINE, conference=upcoming, key="bc-4")
    Petition.objects.filter(pk=hidden.pk).update(hide_from_public=True)
    _receive(agency, clerk, SPOKEN, village=villages["Thôn Nà Pàn"],
             field=fields["giao-thong"], channel=Channel.CONFERENCE, conference=upcoming,
             key="bc-5")
    return ford


def _large(june):
    """500 opinions sent before the June conference: every village, field, kind and urgency,
    40 of them grouped into 8 issues, a prepared answer to every tenth. Made in bulk, rows as
    the actions leave them: what is checked is how the report draws 500, not how they came.
    """
    agency = june.agency
    villages = list(Village.objects.filter(agency=agency).order_by("order"))
    fields = list(Field.objects.filter(agency=agency).order_by("order"))
    units = list(Unit.objects.filter(agency=agency, kind=Unit.Kind.DEPARTMENT))
    kinds = [Kind.OPINION] * 7 + [Kind.REPORT] * 2 + [Kind.COMPLAINT]
    urgencies = [Urgency.NORMAL] * 6 + [Urgency.PRESSING] * 3 + [Urgency.URGENT]
    issues = [Issue.objects.create(agency=agency, title=f"Vấn đề gộp số {i + 1}")
              for i in range(8)]
    rows = []
    for n in range(LARGE):
        rows.append(Petition(
            agency=agency, tracking_code=f"Z{n:08d}", kind=kinds[n % len(kinds)],
            text=f"Ý kiến số {n + 1}: đề nghị xã quan tâm giải quyết việc của thôn.",
            field=fields[n % len(fields)], urgency=urgencies[n % len(urgencies)],
            village=villages[n % len(villages)],
            channel=[Channel.SURVEY_FORM, Channel.FRONT_SUMMARY, Channel.ONLINE][n % 3],
            received_on=dt.date(2026, 6, 1 + n % 8),
            issue=issues[n // 5] if n < 40 else None,
            unit=units[n // 2 % len(units)] if n % 2 else None,
            state="assigned" if n % 2 else "received", submission_key=f"large-{n}"))
    created = Petition.objects.bulk_create(rows)
    june.petitions.add(*created)
    PreparedAnswer.objects.bulk_create([
        PreparedAnswer(conference=june, petition=p, unit=p.unit,
                       text=f"Trả lời chuẩn bị cho ý kiến {p.tracking_code}.")
        for p in created[40:] if p.unit_id and int(p.tracking_code[1:]) % 10 == 1])
    return created


def scenario(out: dict) -> None:
    """Run once for each module that reads it (its `made`), then rolled back."""
    plan = builders.yearly_plan()
    june = builders.june_conference(plan)
    upcoming = builders.upcoming_conference(plan)
    ford = _enrich(upcoming)
    answer = PreparedAnswer.objects.select_related("unit").get(conference=upcoming)
    out["conf"] = {
        "held_on": upcoming.held_on, "venue": upcoming.venue,
        "signer": upcoming.plan.signer.full_name, "answer": answer.text,
        "answer_unit": answer.unit.name, "ford": ford.text,
        "due": Milestone.objects.get(conference=upcoming,
                                     kind=Milestone.Kind.VILLAGE_OPINIONS).due_on,
        "petitions": Petition.objects.filter(conference=upcoming)
        .exclude(channel=Channel.CONFERENCE).count(),
        "villages": Village.objects.filter(agency=upcoming.agency).count()}
    out["issued"] = render_docx(CODE, upcoming, number=9, issued_on=ISSUED_ON)
    out["draft"] = render_docx(CODE, upcoming)
    out["xlsx"] = drafts.render_table(CODE, upcoming)
    out["table"] = KIND.table(upcoming)

    out["june_spoken"] = list(Petition.objects.filter(conference=june)
                              .values_list("text", flat=True))
    out["june"] = render_docx(CODE, june)

    # Nowhere to hold it, nobody to sign yet.
    upcoming.venue = ""
    upcoming.plan.signer = None
    upcoming.plan.signer_id = None
    upcoming.chair = None
    out["missing"] = render_docx(CODE, upcoming)
    upcoming = Conference.objects.select_related("agency", "plan__signer", "chair").get(
        pk=upcoming.pk)

    Petition.objects.filter(pk=ford.pk).update(text=nfd(
        "Đề nghị sửa cầu tràn đầu thôn Nà Pàn – Bản Chu, mùa mưa nước ngập."))
    Village.objects.filter(name="Thôn Khòn Pát").update(name=nfd("Thôn Khòn Pát"))
    Petition.objects.filter(conference=upcoming, text__startswith="Đề nghị lắp thêm") \
        .update(text=nfd("Đề nghị lắp thêm bóng đèn đoạn đường Khuổi Slằng."))
    upcoming.title = nfd("Hội nghị đối thoại với Nhân dân thôn Nà Pàn – Bản Chu")
    upcoming.venue = nfd("Nhà văn hóa thôn Khòn Pát")
    upcoming.plan.signer.full_name = nfd("Hoàng Thị Diệu Hiền")
    out["nfd"] = render_docx(CODE, upcoming)

    upcoming.plan.signer.full_name = ("Nguyễn Hoàng Phương Thảo Bảo Ngọc Khánh Linh Thị "
                                      "Mai Anh")
    upcoming.agency.header_issuer = ("ỦY BAN NHÂN DÂN / XÃ ĐIỀM HE MỞ RỘNG THEO NGHỊ QUYẾT "
                                     "SÁP NHẬP ĐƠN VỊ HÀNH CHÍNH CẤP XÃ")
    upcoming.venue = "Hội trường " + "Nhà văn hóa trung tâm cụm thôn " * 8
    Village.objects.filter(name="Thôn Bản Chu").update(
        name=("Thôn Bản Chu " + "Khuổi Slằng Nà Pàn Khòn Pát " * 6)[:120].strip())
    Field.objects.filter(agency=upcoming.agency, code="giao-thong").update(
        name=("Giao thông, " + "xây dựng kết cấu hạ tầng nông thôn và đường liên thôn " * 4)
        [:120].strip())
    Unit.objects.filter(agency=upcoming.agency, code="kinh-te").update(
        name=("Phòng Kinh tế " + "hạ tầng và đô thị nông thôn mới " * 8)[:200].strip())
    out["long"] = render_docx(CODE, upcoming)

    _large(june)
    # How fast it is drawn is measured by bench/documents.py, not here.
    out["large"] = render_docx(CODE, june, number=10, issued_on=dt.date(2026, 6, 9))
    out["large_xlsx"] = drafts.render_table(CODE, june)
