"""Participants pages: who sees and changes what, refusals shown, check-in with and without
JavaScript, the live count fragment."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.dialogues.actions import check_in, delegates, invitations
from doithoai.dialogues.models import Delegate, Invitation, Milestone, ParticipantGroup
from doithoai.dialogues.selectors import delegates as delegates_reads
from doithoai.org.models import Role, User, Village
from tests.factories import user_with_role

Side = ParticipantGroup.Side


@pytest.fixture
def built(conference, clerk):
    delegates.build_delegates(actor=clerk, conference=conference)
    return conference


@pytest.fixture
def napan(commune):
    return Village.objects.get(agency=commune, name="Thôn Nà Pàn")


@pytest.fixture
def village_head(commune):
    return User.objects.get(username="truongthon")


def _url(name, *args):
    return reverse(f"dialogues:{name}", args=args)


def test_office_page_shows_counts_missing_villages_and_buttons(client, clerk, built):
    client.force_login(clerk)
    r = client.get(_url("delegates", built.pk))
    assert r.status_code == 200
    html = r.content.decode()
    assert "12 thôn chưa gửi danh sách" in html
    assert "Lập danh sách theo kế hoạch" in html and "Chuẩn bị giấy mời" in html
    assert "Lý Thị Dương" in html and "Thôn Nà Pàn" in html


def test_late_sending_is_warned_then_refused_without_confirmation(client, clerk, built):
    invitations.prepare_invitations(actor=clerk, conference=built)
    due = timezone.localdate() - dt.timedelta(days=1)
    built.milestones.filter(kind=Milestone.Kind.INVITATIONS).update(due_on=due)
    client.force_login(clerk)
    html = client.get(_url("delegates", built.pk)).content.decode()
    assert "Đã quá hạn gửi giấy mời" in html and due.strftime("%d/%m/%Y") in html
    assert "Vẫn gửi giấy mời (sau hạn)" in html and 'name="confirm_late"' in html
    r = client.post(_url("invitations_send", built.pk), follow=True)
    assert "Hãy đánh dấu xác nhận" in r.content.decode()
    assert not Invitation.objects.exclude(sent_at=None).exists()
    r = client.post(_url("invitations_send", built.pk), {"confirm_late": "on"}, follow=True)
    html = r.content.decode()
    sent = Invitation.objects.filter(sent_late=True).count()
    assert sent == delegates_reads.addressable(built.delegates.all()).count()
    # A plain sentence, no capitals.
    assert (f"Đã gửi {sent} giấy mời; hạn gửi là {due:%d/%m/%Y} nên các giấy mời này được "
            "ghi là gửi sau hạn.") in html
    assert "SAU HẠN" not in html
    # Everything was sent: no late warning, no checkbox, no button; what was sent, and late.
    assert "Đã quá hạn gửi giấy mời" not in html
    assert 'name="confirm_late"' not in html and "Vẫn gửi giấy mời" not in html
    assert f"Đã gửi cả {sent} giấy mời, lần gửi gần nhất lúc" in html
    assert f"Trong đó {sent} giấy mời gửi sau hạn." in html
    # A name changed on a sent invitation: there is something to send again, so the late
    # warning and the confirmation come back.
    seat = built.delegates.exclude(full_name="").exclude(invitation=None).first()
    delegates.update_delegate(actor=clerk, delegate=seat, full_name="Lộc Văn Tài",
                              position=seat.position)
    html = client.get(_url("delegates", built.pk)).content.decode()
    assert "Đã quá hạn gửi giấy mời" in html and 'name="confirm_late"' in html
    assert "1 giấy mời đang chờ gửi." in html


def test_the_page_says_how_many_seats_are_unnamed(client, clerk, built):
    client.force_login(clerk)
    unnamed = delegates_reads.unnamed(built.delegates.all()).count()
    assert unnamed
    r = client.post(_url("invitations_prepare", built.pk), follow=True)
    html = r.content.decode()
    assert (f"{unnamed} chỗ chưa ghi tên người dự nên chưa có giấy mời; giấy mời được chuẩn "
            "bị khi đã ghi tên.") in html
    assert f"{unnamed} chỗ chưa ghi tên người dự (và không thuộc đơn vị nào)" in html


def test_village_head_is_sent_to_his_village_and_enters_names(client, village_head, built,
                                                              napan, commune):
    client.force_login(village_head)
    r = client.get(_url("delegates", built.pk))
    assert r.status_code == 302 and r.url == _url("village_delegates", built.pk, napan.pk)
    for i in range(3):
        r = client.post(r.url if i == 0 else _url("village_delegates", built.pk, napan.pk),
                        {"full_name": f"Lương Văn Dân {i}", "position": "Đại diện hộ",
                         "phone": ""})
        assert r.status_code == 302
    r = client.post(_url("village_delegates", built.pk, napan.pk),
                    {"full_name": "Người thứ tư", "position": "", "phone": ""})
    assert r.status_code == 200 and "chỉ được cử 3 đại diện" in r.content.decode()
    assert built.delegates.filter(side=Side.CITIZEN, village=napan).count() == 3
    r = client.post(_url("village_submit", built.pk, napan.pk), follow=True)
    assert "Đã gửi danh sách đại biểu của Thôn Nà Pàn" in r.content.decode()
    other = Village.objects.get(agency=commune, name="Thôn Bản Chu")
    assert client.get(_url("village_delegates", built.pk, other.pk)).status_code == 404
    seat = built.delegates.filter(village=other).first()
    assert client.get(_url("delegate_edit", built.pk, seat.pk)).status_code == 404
    assert client.post(_url("delegate_remove", built.pk, seat.pk)).status_code == 404
    assert client.get(_url("checkin", built.pk)).status_code == 403
    assert Delegate.objects.filter(pk=seat.pk).exists()


def test_read_only_roles_get_403_and_change_nothing(client, supervisor, built, napan, clerk):
    invitations.prepare_invitations(actor=clerk, conference=built)
    invitations.send_invitations(actor=clerk, conference=built)
    inv = Invitation.objects.filter(delegate__conference=built).first()
    client.force_login(supervisor)
    assert client.get(_url("delegates", built.pk)).status_code == 200
    assert client.get(_url("village_delegates", built.pk, napan.pk)).status_code == 200
    assert client.get(_url("invitation_list", built.pk)).status_code == 200
    events = AuditEvent.objects.count()
    for name, args, data in [
        ("delegates_build", (built.pk,), {}),
        ("invitations_prepare", (built.pk,), {}),
        ("invitations_send", (built.pk,), {}),
        ("village_delegates", (built.pk, napan.pk), {"full_name": "A B", "position": ""}),
        ("village_submit", (built.pk, napan.pk), {}),
        ("village_quota", (built.pk, napan.pk), {"seats": "4"}),
        ("invitation_respond", (built.pk, inv.pk), {"answer": "declined"}),
        ("checkin", (built.pk,), {"code": inv.code}),
        ("walk_in", (built.pk,), {"vl-full_name": "A B"}),
    ]:
        assert client.post(_url(name, *args), data).status_code == 403, name
    assert client.get(_url("checkin", built.pk)).status_code == 403
    assert client.get(_url("checkin_count", built.pk)).status_code == 403
    overseer = User.objects.get(username="tinh")
    client.force_login(overseer)
    assert client.post(_url("delegates_build", built.pk)).status_code == 403
    assert AuditEvent.objects.count() == events
    inv.refresh_from_db()
    assert inv.state == Invitation.State.SENT and inv.checked_in_at is None


def test_another_commune_gets_404(client, outsider, built, napan):
    client.force_login(outsider)
    for name, args in [("delegates", (built.pk,)), ("checkin", (built.pk,)),
                       ("invitation_list", (built.pk,)),
                       ("village_delegates", (built.pk, napan.pk))]:
        assert client.get(_url(name, *args)).status_code == 404, name
    assert client.post(_url("delegates_build", built.pk)).status_code == 404


def test_unit_officer_and_other_roles_cannot_check_in(client, commune, built):
    unit = commune.units.get(code="kinh-te")
    officer = user_with_role(Role.UNIT_OFFICER, agency=commune, unit=unit)
    client.force_login(officer)
    assert client.post(_url("checkin", built.pk), {"code": "ABCD-EFGH"}).status_code == 403


def test_check_in_at_the_door_without_javascript(client, clerk, built):
    invitations.prepare_invitations(actor=clerk, conference=built)
    inv = Invitation.objects.filter(delegate__conference=built).first()
    client.force_login(clerk)
    r = client.get(_url("checkin", built.pk))
    assert 'autofocus' in r.content.decode() and 'hx-trigger="every' in r.content.decode()
    r = client.post(_url("checkin", built.pk), {"code": inv.code.lower()}, follow=True)
    assert "Có mặt:" in r.content.decode()
    r = client.post(_url("checkin", built.pk), {"code": inv.code}, follow=True)
    assert "đã điểm danh lúc" in r.content.decode()
    r = client.post(_url("checkin", built.pk), {"code": "ZZZZ-ZZZZ"}, follow=True)
    assert "Không có giấy mời mã ZZZZ-ZZZZ" in r.content.decode()
    assert Invitation.objects.exclude(checked_in_at=None).count() == 1
    # By name, diacritics-free search, one tap.
    r = client.get(_url("checkin", built.pk), {"q": "nguyen van hung"})
    html = r.content.decode()
    assert "Nguyễn Văn Hùng" in html and "Có mặt" in html
    d = built.delegates.get(full_name="Nguyễn Văn Hùng")
    r = client.post(_url("checkin", built.pk), {"delegate": d.pk, "q": "nguyen van hung"})
    assert r.status_code == 302 and "q=nguyen" in r.url
    r = client.get(_url("checkin_count", built.pk), HTTP_HX_REQUEST="true")
    assert "2 người có mặt" in r.content.decode()
    r = client.post(_url("walk_in", built.pk), {"vl-full_name": "Hà Thị Nhàn",
                                                "vl-position": "", "vl-village": ""},
                    follow=True)
    assert "Đã thêm và điểm danh Hà Thị Nhàn" in r.content.decode()
    assert delegates_reads.counts(built)["checked_in"] == 3


def test_printable_list_has_every_code(client, clerk, built):
    invitations.prepare_invitations(actor=clerk, conference=built)
    client.force_login(clerk)
    html = client.get(_url("invitation_list", built.pk)).content.decode()
    for code in Invitation.objects.values_list("code", flat=True):
        assert code in html
    delegates.add_delegate(actor=clerk, conference=built, side=Side.CITIZEN,
                           village=Village.objects.get(name="Thôn Bản Chu", agency=built.agency),
                           full_name="Lăng Văn Thắng")
    html = client.get(_url("invitation_list", built.pk)).content.decode()
    # The commune first, then village by village, village roles before citizens.
    assert html.index("Lý Thị Dương") < html.index("Hoàng Văn Pản") < html.index(
        "Lăng Văn Thắng") < html.index("Lương Văn Khiêm")


def test_office_adds_edits_and_removes(client, clerk, built, napan):
    client.force_login(clerk)
    r = client.post(_url("delegate_add", built.pk), {
        "side": Side.EXTRA, "full_name": "Đàm Văn Kiên", "position": "Hạt trưởng",
        "phone": "", "village": "", "unit": ""}, follow=True)
    assert "Đã thêm Đàm Văn Kiên" in r.content.decode()
    d = built.delegates.get(full_name="Đàm Văn Kiên")
    r = client.post(_url("delegate_edit", built.pk, d.pk),
                    {"full_name": "Đàm Văn Kiên", "position": "Hạt trưởng Hạt Kiểm lâm",
                     "phone": "sai"})
    assert r.status_code == 200 and "Số điện thoại không hợp lệ" in r.content.decode()
    r = client.post(_url("delegate_edit", built.pk, d.pk),
                    {"full_name": "Đàm Văn Kiên", "position": "Hạt trưởng Hạt Kiểm lâm",
                     "phone": "0912 000 111"})
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.position == "Hạt trưởng Hạt Kiểm lâm"
    r = client.post(_url("village_quota", built.pk, napan.pk), {"seats": "5"}, follow=True)
    assert "Đã lưu số đại diện" in r.content.decode()
    client.post(_url("delegate_remove", built.pk, d.pk))
    assert not Delegate.objects.filter(pk=d.pk).exists()


def test_removing_someone_already_invited_asks_why(client, clerk, built, napan):
    seat = Delegate.objects.filter(conference=built, unit__isnull=False).first()
    invitations.prepare_invitations(actor=clerk, conference=built)
    invitations.send_invitations(actor=clerk, conference=built, late_ok=True)
    client.force_login(clerk)
    url = _url("delegate_remove", built.pk, seat.pk)
    page = client.get(url).content.decode()
    assert "Giấy mời đã gửi cho người này" in page
    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 400 and "Hãy ghi lý do" in refused.content.decode()
    assert Delegate.objects.filter(pk=seat.pk).exists()
    client.post(url, {"reason": "Đơn vị cử người khác dự thay"})
    assert not Delegate.objects.filter(pk=seat.pk).exists()
    event = AuditEvent.objects.get(action="delegate.remove", object_id=str(seat.pk))
    assert event.reason == "Đơn vị cử người khác dự thay"


def test_a_rehearsal_check_in_is_undone_and_never_counts_as_attendance(client, clerk, built):
    from doithoai.dialogues.selectors import conferences

    invitations.prepare_invitations(actor=clerk, conference=built)
    invitation = Invitation.objects.filter(delegate__conference=built).first()
    check_in.check_in(actor=clerk, conference=built, code=invitation.code)  # before the day
    assert conferences.checked_in_count(built) == 0
    client.force_login(clerk)
    url = _url("checkin_undo", built.pk, invitation.pk)
    client.post(url, {"reason": ""})
    invitation.refresh_from_db()
    assert invitation.checked_in_at is not None  # a reason is required
    client.post(url, {"reason": "Điểm danh thử trước ngày họp"})
    invitation.refresh_from_db()
    assert invitation.checked_in_at is None
    assert AuditEvent.objects.filter(action="invitation.undo_check_in",
                                     reason="Điểm danh thử trước ngày họp").exists()


def test_each_invitee_has_a_printable_invitation_of_his_own(client, clerk, built):
    """One invitee's page of the conference's invitation: a draft until the invitation is
    issued, then reprinted with its number; never numbered on its own."""
    import io

    from docx import Document as WordDocument

    from doithoai.documents.actions import register as register_actions
    from doithoai.documents.registry import KINDS
    from doithoai.documents.selectors import drafts

    invitations.prepare_invitations(actor=clerk, conference=built)
    delegate = (Delegate.objects.filter(conference=built, invitation__isnull=False)
                .exclude(person_id=built.chair_id).select_related("invitation").first())
    client.force_login(clerk)
    html = client.get(_url("delegates", built.pk)).content.decode()
    url = reverse("documents:draft_docx", args=["giay-moi-dai-bieu", delegate.pk])
    assert url in html

    def text():
        response = client.get(url)
        assert response.status_code == 200
        doc = WordDocument(io.BytesIO(response.content))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        return "\n".join([par.text for par in doc.paragraphs] + cells)

    draft = text()
    assert draft.count("Mã điểm danh") == 1 and delegate.invitation.code in draft
    assert "Số:      /GM-UBND" in text()
    built.starts_at = dt.time(8, 0)
    built.save()
    issued = register_actions.issue(signed=True, actor=clerk, kind_code="giay-moi", obj=built)
    # Now it is the invitee's page cut from the issued file: its number, and what was
    # issued even after the conference changes (the register keeps the same page).
    page = text()
    assert f"Số: {issued.number_text}" in page and "08 giờ 00 phút" in page
    assert page.count("Mã điểm danh") == 1 and delegate.invitation.code in page
    built.starts_at = dt.time(8, 30)
    built.save()
    assert text() == page
    assert "một trang của giấy mời hội nghị" in drafts.issue_refusal(
        "giay-moi-dai-bieu", delegate)
    # The chair signs the invitations: no invitation of his own.
    chair_row = Delegate.objects.get(conference=built, person_id=built.chair_id)
    html = client.get(_url("delegates", built.pk)).content.decode()
    assert reverse("documents:draft_docx", args=["giay-moi-dai-bieu", chair_row.pk]) not in html
    assert "không tự mời mình" in " ".join(
        KINDS["giay-moi-dai-bieu"].required(chair_row))
    # Someone outside the office does not get the download.
    supervisor = user_with_role(Role.SUPERVISOR, built.agency)
    client.force_login(supervisor)
    assert url not in client.get(_url("delegates", built.pk)).content.decode()
