"""The petition page: everything about it, and exactly the actions this user may take now,
each carrying the version the user saw."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.core.petition_flow import State
from doithoai.dialogues.models import Conference
from doithoai.org.models import Role
from doithoai.petitions.actions import answers, assignments, intake, issues
from doithoai.petitions.actions import deadlines as petition_deadlines
from doithoai.petitions.models import (
    Answer,
    AnswerTemplate,
    Field,
    IntakeBatch,
    Kind,
    Petition,
    Reminder,
)
from doithoai.petitions.selectors import petitions as petition_selectors
from tests.factories import ProvinceFactory, user_with_role

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _url(p):
    return reverse("petitions:detail", args=[p.pk])


def _act(p, action):
    return reverse("petitions:act", args=[p.pk, action])


def _forms(response):
    return [a["action"] for a in response.context["action_forms"]]


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def _field(commune, code="giao-thong"):
    return Field.objects.get(agency=commune, code=code)


def _events(p):
    return AuditEvent.objects.filter(object_type="petitions.petition", object_id=str(p.pk))


@pytest.fixture
def assigned(receive, people):
    p = receive()
    return assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"])


@pytest.fixture
def drafted(assigned, people):
    answers.draft_answer(actor=people["officer"], petition=assigned, text="Sẽ sửa trong quý I.",
                         document_number="12/UBND-KT", document_date=dt.date(2026, 11, 20))
    return Petition.objects.get(pk=assigned.pk)


# --- what the page shows ---------------------------------------------------------------------

def test_the_page_shows_the_petition_its_provenance_and_its_deadline(client, receive, people,
                                                                     commune):
    batch = IntakeBatch.objects.create(agency=commune, name="Phiếu thôn Nà Pàn đợt 1",
                                       channel="survey_form", received_on=dt.date(2026, 11, 2),
                                       brought_by="Lương Văn Khiêm")
    conf = Conference.objects.create(agency=commune, title="Hội nghị đối thoại năm 2026",
                                     held_on=dt.date(2026, 11, 2))
    p = receive(batch_id=batch.pk, source_row=7, conference=conf,
                petitioners=[intake.PetitionerData(full_name="Hoàng Văn An",
                                                   phone="0912345678",
                                                   email="an@example.vn")])
    client.force_login(people["clerk"])
    response = client.get(_url(p))
    assert response.status_code == 200
    body = response.content.decode()
    for expected in (p.tracking_code, "Đường liên thôn Nà Pàn xuống cấp",
                     "Phiếu thôn Nà Pàn đợt 1", "Lương Văn Khiêm", "dòng 7",
                     "Hội nghị đối thoại năm 2026", "Hoàng Văn An", "0912345678",
                     "an@example.vn", p.due_rule_label, "Gửi Văn phòng bằng văn bản",
                     people["village"].name, people["clerk"].full_name,
                     reverse("audit:history", args=["petitions.petition", p.pk])):
        assert expected in body, expected


def test_clerk_gets_the_office_forms_for_a_new_petition(client, receive, people):
    p = receive()
    client.force_login(people["clerk"])
    response = client.get(_url(p))
    assert _forms(response) == [
        "assign", "classify", "answer_at_conference", "escalate", "not_accept", "transfer"]
    assert response.context["opened"] == "classify"
    assignments.classify(actor=people["clerk"], petition=p, kind=Kind.OPINION, field=None,
                         urgency="normal")
    assert client.get(_url(p)).context["opened"] == "assign"


def test_unit_officer_gets_draft_return_and_extend(client, assigned, people):
    client.force_login(people["officer"])
    response = client.get(_url(assigned))
    assert _forms(response) == ["draft_answer", "return", "extend"]
    assert response.context["opened"] == "draft_answer"


def test_leader_gets_approve_and_send_back_for_a_draft(client, drafted, people):
    client.force_login(people["leader"])
    response = client.get(_url(drafted))
    assert {"approve", "send_back"} <= set(_forms(response))
    client.force_login(people["clerk"])
    assert not {"approve", "send_back"} & set(_forms(client.get(_url(drafted))))


def test_read_only_roles_get_no_forms(client, drafted, people):
    client.force_login(people["supervisor"])
    response = client.get(_url(drafted))
    assert response.status_code == 200
    assert _forms(response) == []
    assert "<form method=\"post\" action=\"/y-kien/" not in response.content.decode()


def test_answers_current_and_earlier_are_shown(client, drafted, people):
    answers.send_back(actor=people["leader"], petition=drafted, reason="Ghi rõ thời gian")
    p = Petition.objects.get(pk=drafted.pk)
    answers.draft_answer(actor=people["officer"], petition=p, text="Sẽ sửa xong trước 30/3.")
    client.force_login(people["clerk"])
    response = client.get(_url(p))
    assert response.context["current_answer"].text == "Sẽ sửa xong trước 30/3."
    assert [a.text for a in response.context["earlier_answers"]] == ["Sẽ sửa trong quý I."]
    assert "1 bản trả lời trước" in response.content.decode()


# --- denunciations ---------------------------------------------------------------------------

@pytest.mark.parametrize("role,sees", [
    ("clerk", True), ("leader", True), ("officer", False), ("front", False),
    ("supervisor", False), ("overseer", False),
])
def test_a_denouncers_identity_is_only_for_clerks_and_leaders(client, receive, people, commune,
                                                              role, sees):
    p = receive(petitioners=[intake.PetitionerData(full_name="Người Tố Cáo Bí Mật",
                                                   phone="0987654321")])
    # A denunciation that reached a unit (e.g. classified after assignment by an import).
    Petition.objects.filter(pk=p.pk).update(kind=Kind.DENUNCIATION, unit=people["unit"],
                                            state=State.ASSIGNED)
    people["front"] = user_with_role(Role.FRONT_OFFICER, agency=commune)
    commune.parent = ProvinceFactory()
    commune.save()
    people["overseer"] = user_with_role(Role.OVERSEER, agency=commune.parent)
    client.force_login(people[role])
    body = client.get(_url(p)).content.decode()
    assert ("Người Tố Cáo Bí Mật" in body) is sees
    assert ("0987654321" in body) is sees
    assert ("danh tính người tố cáo được giữ bí mật" in body) is not sees


# --- each action through the page ------------------------------------------------------------

def test_classify_then_assign(client, receive, people, commune):
    p = receive()
    client.force_login(people["clerk"])
    response = client.post(_act(p, "classify"), {
        "classify-version": p.version, "classify-kind": Kind.REPORT,
        "classify-field": _field(commune).pk, "classify-urgency": "urgent",
        "classify-village": people["village"].pk, "classify-is_complex": "on"})
    assert response.status_code == 302 and response.url == _url(p)
    p.refresh_from_db()
    assert (p.state, p.kind, p.urgency, p.is_complex) == (State.CLASSIFIED, Kind.REPORT,
                                                          "urgent", True)
    assert p.field.code == "giao-thong"
    response = client.post(_act(p, "assign"), {"assign-version": p.version,
                                               "assign-unit": people["unit"].pk}, follow=True)
    p.refresh_from_db()
    assert p.state == State.ASSIGNED and p.unit == people["unit"]
    assert "Đã thực hiện: Giao đơn vị." in _messages(response)


def test_the_unit_drafts_from_a_template_with_a_file(client, assigned, people, commune,
                                                     settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    field = _field(commune)
    Petition.objects.filter(pk=assigned.pk).update(field=field)
    template = AnswerTemplate.objects.create(agency=commune, field=field, title="Đường sá",
                                             text="UBND xã đã khảo sát tuyến đường.")
    other_field = AnswerTemplate.objects.create(agency=commune, field=_field(commune, "y-te"),
                                                title="Y tế", text="Trạm y tế …")
    client.force_login(people["officer"])
    response = client.get(_url(assigned) + f"?mau={template.pk}")
    assert [t.pk for t in response.context["templates"]] == [template.pk]
    assert other_field.title not in response.content.decode()
    form = next(a["form"] for a in response.context["action_forms"]
                if a["action"] == "draft_answer")
    assert form.initial["text"] == "UBND xã đã khảo sát tuyến đường."
    assert "UBND xã đã khảo sát tuyến đường.</textarea>" in response.content.decode()

    upload = SimpleUploadedFile("tra-loi.pdf", PDF, content_type="application/pdf")
    response = client.post(_act(assigned, "draft_answer"), {
        "draft_answer-version": assigned.version,
        "draft_answer-text": "UBND xã đã khảo sát tuyến đường; sẽ sửa trong quý I.",
        "draft_answer-document_number": "125/UBND-KT",
        "draft_answer-document_date": "2026-11-20", "draft_answer-attachment": upload})
    assert response.status_code == 302
    answer = Answer.objects.get(petition=assigned, is_current=True)
    assert answer.document_number == "125/UBND-KT" and answer.attachment
    assert Petition.objects.get(pk=assigned.pk).state == State.ANSWER_DRAFTED
    download = client.get(reverse("petitions:answer_file", args=[assigned.pk, answer.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize("name,content,error", [
    ("virus.exe", b"MZ\x90\x00", "Chỉ nhận tệp PDF, DOCX, JPG hoặc PNG."),
    ("gia-mao.pdf", b"MZ\x90\x00 not a pdf", "Nội dung tệp không đúng định dạng PDF."),
    ("to-qua.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "Tệp quá lớn (tối đa 10 MB)."),
])
def test_a_bad_attachment_is_refused_and_the_text_kept(client, assigned, people, settings,
                                                       tmp_path, name, content, error):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["officer"])
    response = client.post(_act(assigned, "draft_answer"), {
        "draft_answer-version": assigned.version, "draft_answer-text": "Bản trả lời dài …",
        "draft_answer-attachment": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    body = response.content.decode()
    assert error in body and "Bản trả lời dài …</textarea>" in body
    assert not Answer.objects.exists()
    assert Petition.objects.get(pk=assigned.pk).state == State.ASSIGNED


def test_a_file_missing_on_disk_is_404_not_an_error(client, drafted, people, settings,
                                                    tmp_path):
    settings.MEDIA_ROOT = tmp_path
    answer = Answer.objects.get(petition=drafted)
    Answer.objects.filter(pk=answer.pk).update(attachment="answers/gone.pdf")
    client.force_login(people["clerk"])
    url = reverse("petitions:answer_file", args=[drafted.pk, answer.pk])
    assert client.get(url).status_code == 404


def test_docx_jpg_png_are_accepted(client, assigned, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["officer"])
    p = assigned
    for name, content in (("a.docx", b"PK\x03\x04rest"), ("b.jpg", b"\xff\xd8\xff\xe0x"),
                          ("c.png", b"\x89PNG\r\n\x1a\nxx")):
        p = Petition.objects.get(pk=p.pk)
        response = client.post(_act(p, "draft_answer"), {
            "draft_answer-version": p.version, "draft_answer-text": f"Trả lời kèm {name}",
            "draft_answer-attachment": SimpleUploadedFile(name, content)})
        assert response.status_code == 302, name
    assert Answer.objects.filter(petition=p).exclude(attachment="").count() == 3


def test_unit_returns_it_and_lands_on_its_queue(client, assigned, people):
    client.force_login(people["officer"])
    response = client.post(_act(assigned, "return"), {
        "return-version": assigned.version, "return-reason": "Không thuộc lĩnh vực kinh tế"})
    assert response.status_code == 302 and response.url == reverse("petitions:unit_queue")
    p = Petition.objects.get(pk=assigned.pk)
    assert p.state == State.RETURNED and p.unit is None
    assert _events(p).filter(action="petition.return",
                             reason="Không thuộc lĩnh vực kinh tế").exists()


def test_return_without_reason_is_refused_by_the_form(client, assigned, people):
    client.force_login(people["officer"])
    response = client.post(_act(assigned, "return"), {"return-version": assigned.version,
                                                      "return-reason": ""})
    assert response.status_code == 400
    assert "Hãy ghi lý do (được lưu vào nhật ký)." in response.content.decode()
    assert Petition.objects.get(pk=assigned.pk).state == State.ASSIGNED


def test_approve_send_back_and_publish(client, drafted, people):
    client.force_login(people["leader"])
    response = client.post(_act(drafted, "send_back"), {
        "send_back-version": drafted.version, "send_back-reason": "Ghi rõ thời gian sửa"})
    assert response.status_code == 302
    p = Petition.objects.get(pk=drafted.pk)
    assert p.state == State.ASSIGNED
    answers.draft_answer(actor=people["officer"], petition=p, text="Sửa xong trước 30/3/2027.")
    p = Petition.objects.get(pk=p.pk)
    client.post(_act(p, "approve"), {"approve-version": p.version})
    p = Petition.objects.get(pk=p.pk)
    assert p.state == State.ANSWER_APPROVED
    client.force_login(people["clerk"])
    client.post(_act(p, "publish"), {"publish-version": p.version})
    p = Petition.objects.get(pk=p.pk)
    assert p.state == State.PUBLISHED
    assert petition_selectors.current_answer(p).published_at is not None


def test_extend_escalate_and_the_service_refusal_as_a_message(client, assigned, people):
    client.force_login(people["officer"])
    earlier = assigned.due_date - dt.timedelta(days=1)
    response = client.post(_act(assigned, "extend"), {
        "extend-version": assigned.version, "extend-new_due_date": earlier.isoformat(),
        "extend-reason": "Cần khảo sát thêm"})
    assert response.status_code == 400
    assert any("Hạn mới phải sau hạn hiện tại" in m for m in _messages(response))
    later = assigned.due_date + dt.timedelta(days=14)
    response = client.post(_act(assigned, "extend"), {
        "extend-version": assigned.version, "extend-new_due_date": later.isoformat(),
        "extend-reason": "Cần khảo sát thêm"})
    assert response.status_code == 302
    p = Petition.objects.get(pk=assigned.pk)
    assert p.due_date == later and p.extensions.count() == 1
    client.force_login(people["clerk"])
    response = client.post(_act(p, "escalate"), {
        "escalate-version": p.version, "escalate-receiving_agency": "Sở Giao thông vận tải",
        "escalate-follow_up_on": "2026-12-31", "escalate-reason": "Quốc lộ do tỉnh quản lý"})
    p = Petition.objects.get(pk=p.pk)
    assert p.state == State.ESCALATED
    assert p.escalations.get().receiving_agency == "Sở Giao thông vận tải"
    body = client.get(_url(p)).content.decode()
    assert "Sở Giao thông vận tải" in body and "Cần khảo sát thêm" in body


def test_not_accept_transfer_close_reopen(client, receive, people):
    client.force_login(people["clerk"])
    a, b = receive(), receive(text="Tố cáo cán bộ địa chính nhận tiền")
    client.post(_act(a, "not_accept"), {
        "not_accept-version": a.version, "not_accept-reason": "Việc giữa hai hộ gia đình",
        "not_accept-where_to_go": "Tổ hòa giải thôn"})
    a = Petition.objects.get(pk=a.pk)
    assert a.state == State.NOT_ACCEPTED and a.public_note == "Tổ hòa giải thôn"
    client.post(_act(b, "transfer"), {"transfer-version": b.version,
                                      "transfer-kind": Kind.DENUNCIATION,
                                      "transfer-reason": "Nội dung là tố cáo"})
    b = Petition.objects.get(pk=b.pk)
    assert (b.state, b.kind, b.hide_from_public) == (State.TRANSFERRED, Kind.DENUNCIATION, True)
    client.post(_act(a, "close"), {"close-version": a.version})
    a = Petition.objects.get(pk=a.pk)
    assert a.state == State.CLOSED
    response = client.post(_act(a, "reopen"), {"reopen-version": a.version,
                                                "reopen-reason": "Công dân chưa đồng ý"})
    assert response.status_code == 302
    a = Petition.objects.get(pk=a.pk)
    assert (a.state, a.unit) == (State.CLASSIFIED, None)  # no unit held it: to the office


def test_answer_at_the_conference(client, receive, people):
    p = receive()
    client.force_login(people["clerk"])
    client.post(_act(p, "answer_at_conference"), {
        "answer_at_conference-version": p.version,
        "answer_at_conference-text": "Chủ tịch UBND xã trả lời: năm 2027 sẽ làm đường.",
        "answer_at_conference-answered_by": "Bà Lý Thị Dương, Chủ tịch UBND xã"})
    p = Petition.objects.get(pk=p.pk)
    assert p.state == State.ANSWERED_AT_CONFERENCE
    answer = petition_selectors.current_answer(p)
    assert answer.at_conference and answer.answered_by.startswith("Bà Lý Thị Dương")


def test_ungroup_from_the_page(client, receive, people):
    a, b = receive(), receive(text="Đường liên thôn hỏng")
    issue = issues.group_into_issue(actor=people["clerk"], petitions=[a, b],
                                    title="Đường liên thôn Nà Pàn")
    a = Petition.objects.get(pk=a.pk)
    client.force_login(people["clerk"])
    response = client.get(_url(a))
    assert "ungroup" in _forms(response)
    assert [s.pk for s in response.context["siblings"]] == [b.pk]
    assert issue.title in response.content.decode()
    client.post(_act(a, "ungroup"), {"ungroup-version": a.version,
                                     "ungroup-reason": "Khác tuyến đường"})
    assert Petition.objects.get(pk=a.pk).issue is None
    assert Petition.objects.get(pk=b.pk).issue == issue


# --- conflicts and refusals ------------------------------------------------------------------

def test_a_stale_form_shows_the_conflict_and_changes_nothing(client, receive, people):
    p = receive()
    seen = p.version
    assignments.assign(actor=people["clerk"], petition=p, unit=people["other_unit"])
    events = _events(p).count()
    client.force_login(people["clerk"])
    response = client.post(_act(p, "assign"), {"assign-version": seen,
                                               "assign-unit": people["unit"].pk})
    assert response.status_code == 409
    assert any("vừa được người khác cập nhật" in m for m in _messages(response))
    p = Petition.objects.get(pk=p.pk)
    assert p.unit == people["other_unit"] and _events(p).count() == events
    # The page now shows the latest state, and the form the latest version.
    form = next(a["form"] for a in response.context["action_forms"] if a["action"] == "assign")
    assert form["version"].value() == str(p.version)


def test_a_stale_ungroup_is_refused_too(client, receive, people):
    a, b = receive(), receive()
    issues.group_into_issue(actor=people["clerk"], petitions=[a, b], title="Một việc")
    a = Petition.objects.get(pk=a.pk)
    client.force_login(people["clerk"])
    response = client.post(_act(a, "ungroup"), {"ungroup-version": a.version - 1,
                                                "ungroup-reason": "Khác việc"})
    assert response.status_code == 409
    assert Petition.objects.get(pk=a.pk).issue_id is not None


def test_a_stale_draft_keeps_what_the_officer_typed(client, assigned, people):
    seen = assigned.version
    petition_deadlines.extend(actor=people["clerk"], petition=assigned,
                              new_due_date=assigned.due_date + dt.timedelta(days=7),
                              reason="Chờ khảo sát")
    client.force_login(people["officer"])
    response = client.post(_act(assigned, "draft_answer"), {
        "draft_answer-version": seen, "draft_answer-text": "Một câu trả lời dài đã gõ"})
    assert response.status_code == 409
    assert "Một câu trả lời dài đã gõ</textarea>" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_role_the_service_refuses_is_a_message_and_changes_nothing(client, drafted, people):
    client.force_login(people["officer"])  # only a leader approves
    response = client.post(_act(drafted, "approve"), {"approve-version": drafted.version})
    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện việc này với ý kiến này." in _messages(response)
    assert Petition.objects.get(pk=drafted.pk).state == State.ANSWER_DRAFTED


def test_an_illegal_transition_is_a_message(client, receive, people):
    p = receive()
    client.force_login(people["leader"])
    response = client.post(_act(p, "approve"), {"approve-version": p.version})
    assert response.status_code == 400
    assert any("Không thể “Duyệt trả lời”" in m for m in _messages(response))


def test_an_unknown_action_is_404_and_get_is_refused(client, receive, people):
    p = receive()
    client.force_login(people["clerk"])
    assert client.post(_act(p, "delete"), {}).status_code == 404
    assert client.get(_act(p, "assign")).status_code == 405


def test_remind_from_the_page_of_one_petition(client, assigned, people, mailoutbox):
    people["officer"].email = "kinhte@example.vn"
    people["officer"].save()
    client.force_login(people["clerk"])
    assert client.get(_url(assigned)).context["can_remind"]
    response = client.post(reverse("petitions:follow_up_remind"),
                           {"petition": assigned.pk, "next": _url(assigned)})
    assert response.status_code == 302 and response.url == _url(assigned)
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["kinhte@example.vn"]
    assert Reminder.objects.get(petition=assigned).kind == Reminder.Kind.MANUAL
    assert "Đôn đốc" in client.get(_url(assigned)).content.decode()
