"""A conference's history reads in Vietnamese: action names, the facts events carry, dates
as dd/mm/yyyy, long lists of codes summarised."""

from django.apps import apps
from django.urls import reverse

from doithoai.audit.labels import HIDDEN_KEYS
from doithoai.dialogues.actions import delegates, invitations
from doithoai.petitions.actions import assignments, intake
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.models import Channel, Kind


def test_the_conference_history_reads_as_words(client, clerk, conference):
    delegates.build_delegates(actor=clerk, conference=conference)
    invitations.prepare_invitations(actor=clerk, conference=conference)
    invitations.send_invitations(actor=clerk, conference=conference, late_ok=True)
    client.force_login(clerk)
    page = client.get(reverse("audit:history", args=["dialogues.conference", conference.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    for words in ("Gửi giấy mời", "Chuẩn bị giấy mời", "Lập danh sách đại biểu theo thành phần",
                  "Số giấy mời đã gửi", "Mã giấy mời", " mục: "):
        assert words in html, words
    for raw in ("invitations.send", "delegates.build", "unnamed_skipped", "Due_on", "→ 2026-"):
        assert raw not in html, raw


def test_a_petitions_history_shows_no_bookkeeping(client, clerk, conference):
    """Received for a conference and classified: the history names the conference by its
    title and the due date's rule in words; no edit counter, search copy, retry key or rule
    code."""
    agency = conference.agency
    field = ensure_default_fields(agency)[0]
    petition = intake.receive(intake.Intake(
        agency=agency, text="Đề nghị sửa cầu tràn đầu thôn.", channel=Channel.SURVEY_FORM,
        received_on=conference.plan.issued_on or conference.held_on, conference=conference,
        submission_key="phieu-1"), actor=clerk)
    assignments.classify(actor=clerk, petition=petition, kind=Kind.OPINION, field=field,
                         urgency="normal")
    client.force_login(clerk)
    page = client.get(reverse("audit:history", args=["petitions.petition", petition.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Hội nghị" in html and conference.title in html
    assert "Cách tính hạn" in html and "ngày làm việc kể từ sau hội nghị" in html
    for raw in ("Version", "Search text", "Submission key", "phieu-1", "conference_id",
                "Quy tắc tính hạn", "conference-thuong-15", "Thời điểm cập nhật"):
        assert raw not in html, raw


def test_every_recorded_field_has_a_name_of_its_own():
    """What a history page shows of a field is its verbose name: none may fall back to the
    field's code ("delegates sent by"). The bookkeeping keys are hidden instead; the audit
    chain's head and the live room's request log have no history page."""
    no_history = {"audit.AuditChainHead", "live.ConsoleRequest"}
    unnamed = [f"{model._meta.label}.{f.name}" for model in apps.get_models()
               if model.__module__.startswith("doithoai.")
               and model._meta.label not in no_history
               for f in model._meta.concrete_fields
               if not f.primary_key and f.name not in HIDDEN_KEYS
               and str(f.verbose_name) == f.name.replace("_", " ")]
    assert unnamed == []
