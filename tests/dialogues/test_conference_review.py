"""What an independent review of the conference pages found: read-only users see the facts
without a save button and only the tabs they may open, the history link, every step an
edit makes impossible or late (with its title), the page of a conference without a date,
the printed briefing, and who may chair or keep the minutes."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from doithoai.dialogues.actions import milestones
from doithoai.dialogues.forms.conferences import ConferenceEditForm, ConferenceForm
from doithoai.dialogues.forms.plans import PlanEditForm
from doithoai.dialogues.models import Milestone
from doithoai.dialogues.selectors import schedule as schedule_reads
from doithoai.org.models import Person, Unit, User
from doithoai.petitions.actions import assignments
from doithoai.petitions.actions.fields import ensure_default_fields
from tests.dialogues.test_conference_edit import data_for, edit_url, upcoming
from tests.dialogues.test_conference_pages import (
    detail_url,
    form_data,
    new_url,
    receive_for,
    schedule,
    today,
    workday_ahead,
)

READ_ONLY = "Bạn chỉ có quyền xem, không có quyền thay đổi mục này."
UNDATED = "Các mốc sẽ được tính khi ấn định ngày tổ chức."


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def main_of(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def nav_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="subnav[^"]*"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return re.findall(r'href="([^"]+)"', nav)


# -- 2. read-only users: the facts without a save button, only the tabs they may open ---------


@pytest.fixture
def overseer(commune):
    return User.objects.get(username="tinh")


def test_a_supervisor_sees_the_facts_read_only_and_cannot_save(client, clerk, plan,
                                                               supervisor):
    conference = upcoming(plan, clerk)
    client.force_login(supervisor)
    response = client.get(edit_url(conference))
    assert response.status_code == 200
    page = main_of(response.content.decode())
    assert READ_ONLY in page
    assert "Lưu thay đổi" not in page and 'method="post"' not in page
    assert 'type="submit"' not in page and 'name="reason"' not in page
    # Every field sits in one of the three disabled groups (the villages' list inside one).
    assert page.count("<fieldset disabled>") == 3
    assert page.index("<fieldset disabled>") < page.index('name="title"')
    assert conference.venue in page  # the facts are there to read
    response = client.post(edit_url(conference), data_for(conference, topics="Khác"))
    assert response.status_code == 403
    conference.refresh_from_db()
    assert conference.topics != "Khác"


def test_the_clerk_still_gets_the_editable_form(client, clerk, plan):
    conference = upcoming(plan, clerk)
    client.force_login(clerk)
    page = main_of(client.get(edit_url(conference)).content.decode())
    assert READ_ONLY not in page and "Lưu thay đổi" in page
    assert "disabled" not in "".join(re.findall(r"<fieldset[^>]*>", page))


@pytest.mark.parametrize("who", ["supervisor", "overseer", "kinhte", "mattran", "truongthon",
                                 "vanphong"])
def test_every_tab_of_the_conference_opens_for_whoever_sees_it(client, clerk, plan, who,
                                                                supervisor, overseer):
    conference = upcoming(plan, clerk)
    user = {"supervisor": supervisor, "overseer": overseer}.get(who) or User.objects.get(
        username=who)
    client.force_login(user)
    for page_url in (detail_url(conference), reverse("dialogues:timeline",
                                                     args=[conference.pk])):
        response = client.get(page_url)
        assert response.status_code == 200
        links = nav_links(response.content.decode())
        for link in links:
            status = client.get(link).status_code
            assert status in (200, 302), (who, link, status)
            if status == 302:  # a village head's list is his village's: it opens there
                assert client.get(link, follow=True).status_code == 200
    checkin = reverse("dialogues:checkin", args=[conference.pk])
    assert (checkin in links) == (who == "vanphong")


def test_the_announcement_tab_shows_once_the_plan_is_announced(client, clerk, plan):
    conference = upcoming(plan, clerk)
    client.force_login(clerk)
    announcement = reverse("dialogues_public:announcement", args=[conference.pk])
    assert client.get(announcement).status_code == 404
    assert announcement not in nav_links(client.get(detail_url(conference)).content.decode())


# -- 3. the history of changes ---------------------------------------------------------------


def test_the_conference_page_links_to_its_history(client, clerk, plan, supervisor):
    conference = upcoming(plan, clerk)
    history = reverse("audit:history", args=["dialogues.conference", conference.pk])
    for user in (clerk, supervisor):
        client.force_login(user)
        page = client.get(detail_url(conference)).content.decode()
        assert f'href="{history}"' in page and "Lịch sử thay đổi" in page
        assert client.get(history).status_code == 200


# -- 4. the impact of a new date: every step by its title, the done ones made late -----------


def _confirm_all_done_today(conference, clerk):
    """Every step that can be done before the session (those after it wait for it)."""
    for m in conference.milestones.exclude(kind__in=milestones.AFTER_THE_SESSION):
        milestones.mark_done(actor=clerk, milestone=m, proof="Đã làm.")


def test_the_impact_names_each_impossible_step_and_each_done_step_made_late(client, clerk,
                                                                           plan):
    conference = upcoming(plan, clerk)
    announcement = conference.milestones.get(kind=Milestone.Kind.ANNOUNCEMENT)
    milestones.mark_done(actor=clerk, milestone=announcement, proof="Niêm yết tại nhà văn hóa.")
    soon = workday_ahead(4)
    impact = schedule_reads.change_impact(conference, soon)
    tasks = [d for d in impact.impossible if d.kind == Milestone.Kind.TASK]
    assert tasks and impact.late_done  # the case this test is about
    client.force_login(clerk)
    response = client.post(edit_url(conference), data_for(conference, held_on=soon.isoformat()))
    assert response.status_code == 400
    assert "confirmed" in response.context["form"].errors
    section = text_of(re.search(r'<section class="impact".*?</section>',
                                response.content.decode(), re.S).group(0))
    for d in impact.impossible:
        m = conference.milestones.filter(kind=d.kind, title=d.title).select_related(
            "unit").first()
        unit = f" ({m.unit.name})" if m.unit else ""
        legal = " (theo luật)" if d.is_legal else ""
        assert (f"{d.title}{unit}{legal} — {d.rule} — hạn {d.due_on:%d/%m/%Y} đã qua"
                in section), d
    [late] = impact.late_done
    assert late.title == "Thông báo công khai" and late.is_legal
    unit = announcement.unit.name
    assert (f"Thông báo công khai ({unit}) (theo luật) — {late.rule} — đã làm ngày "
            f"{today():%d/%m/%Y}, sau hạn mới {late.due_on:%d/%m/%Y}") in section
    assert "việc đã làm sẽ thành trễ hạn với ngày mới" in section
    conference.refresh_from_db()
    assert conference.held_on == workday_ahead(20)  # nothing saved without confirmation

    response = client.post(edit_url(conference), data_for(conference, held_on=soon.isoformat(),
                                                           confirmed="on"))
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.held_on == soon


def test_steps_made_late_alone_need_the_confirmation_on_the_form(client, clerk, plan):
    conference = upcoming(plan, clerk)
    _confirm_all_done_today(conference, clerk)
    soon = workday_ahead(4)
    impact = schedule_reads.change_impact(conference, soon)
    assert not impact.impossible and impact.late_done
    client.force_login(clerk)
    response = client.post(edit_url(conference), data_for(conference, held_on=soon.isoformat()))
    assert response.status_code == 400
    form = response.context["form"]
    assert "confirmed" in form.errors and not form.non_field_errors()
    page = text_of(response.content.decode())
    assert "việc đã làm sẽ thành trễ hạn với ngày mới" in page
    assert 'name="confirmed"' in response.content.decode()
    conference.refresh_from_db()
    assert conference.held_on == workday_ahead(20)


# -- 5. a conference without a date ----------------------------------------------------------


def test_a_conference_without_a_date_says_once_when_its_milestones_come(client, clerk, plan):
    client.force_login(clerk)
    response = client.post(new_url(plan), form_data(held_on=""), follow=True)
    assert response.status_code == 200
    [message] = [str(m) for m in get_messages(response.wsgi_request)] or [
        m.message for m in response.context["messages"]]
    assert "thông báo sau" in message and "đã được tính theo ngày tổ chức" not in message
    conference = plan.conferences.get()
    for url in (detail_url(conference), reverse("dialogues:timeline", args=[conference.pk])):
        page = text_of(main_of(client.get(url).content.decode()))
        assert page.count(UNDATED) == 1, url
        assert "Chưa có hạn" not in page, url


def test_a_dated_conference_says_its_milestones_were_computed(client, clerk, plan):
    client.force_login(clerk)
    response = client.post(new_url(plan), form_data(), follow=True)
    messages = [m.message for m in response.context["messages"]]
    assert any("đã được tính theo ngày tổ chức" in m for m in messages)
    conference = plan.conferences.get()
    page = text_of(main_of(client.get(detail_url(conference)).content.decode()))
    assert UNDATED not in page


# -- 6. the printed briefing -----------------------------------------------------------------


def test_the_briefing_prints_no_dangling_dash_and_labels_urgency_exactly(client, clerk, plan,
                                                                         commune):
    conference = schedule(plan, clerk, workday_ahead(20))
    ensure_default_fields(commune)
    field, other = list(commune.fields.order_by("order")[:2])
    for text, f, urgency in (("Đường thôn sạt lở.", field, "pressing"),
                             ("Cầu treo hỏng nặng.", other, "urgent"),
                             ("Mương tắc.", other, "pressing")):
        p = receive_for(conference, text, received_on=today())
        assignments.classify(actor=clerk, petition=p, kind="opinion", field=f, urgency=urgency)
    client.force_login(clerk)
    html = client.get(reverse("dialogues:briefing", args=[conference.pk])).content.decode()
    sheet = html[html.index('<div class="print-sheet'):]
    printed = re.sub(r'<(\w+) class="no-print[^"]*".*?</\1>', " ", sheet, flags=re.S)
    printed = text_of(printed)
    assert not re.search(r"—\s*(Vấn đề chính|$)", printed)
    assert re.search(r"Ý kiến hội nghị trước chưa trả lời \d+ Vấn đề chính", printed)
    items = {li.split(":")[0].strip(): li for li in (text_of(x) for x in re.findall(
        r"<li><strong>.*?</strong>:.*?(?=<ul>|</li>)", sheet, re.S))}
    assert "1 cấp thiết" in items[field.name] and "khẩn" not in items[field.name]
    assert "1 khẩn" in items[other.name] and "1 cấp thiết" in items[other.name]
    assert "cấp thiết, khẩn" not in printed


# -- 7. who may chair, co-chair and keep the minutes -----------------------------------------


def test_chair_co_chair_and_secretary_choices(commune):
    form = ConferenceForm(agency=commune)
    chairs = set(form.fields["chair"].queryset)
    secretaries = set(form.fields["secretary"].queryset)
    village_people = set(Person.objects.filter(agency=commune, village__isnull=False))
    assert village_people and not chairs & village_people and not secretaries & village_people
    chutich = Person.objects.get(agency=commune, full_name="Lý Thị Dương")
    council = Person.objects.get(agency=commune, unit__kind=Unit.Kind.COUNCIL,
                                 full_name="Hoàng Thị Nguyệt")
    front = Person.objects.get(agency=commune, unit__kind=Unit.Kind.FRONT,
                               full_name="Vy Văn Sơn")
    co_chairs = set(form.fields["co_chair"].queryset)
    # the Committee's chairman or vice-chairmen preside; with them the council's or the
    # Front's leaders; never an officer of the office (the accountant, a specialist)
    assert chutich in chairs and {chutich, council, front} <= co_chairs
    assert not {council, front} & chairs
    assert secretaries and all(p.unit and p.unit.kind == Unit.Kind.OFFICE for p in secretaries)
    for p in Person.objects.filter(agency=commune).select_related("unit"):
        leader = p.village_id is None and p.position.startswith(("Chủ tịch", "Phó Chủ tịch"))
        assert (p in chairs) == (leader and "UBND" in p.position), p
        assert (p in co_chairs) == leader, p
    assert not any(p.position.startswith(("Kế toán", "Chuyên viên")) for p in chairs | co_chairs)


def test_the_plan_is_signed_by_the_committees_chairman_or_a_vice_chairman(plan):
    signers = set(PlanEditForm(plan=plan).fields["signer"].queryset)
    assert plan.signer in signers and len(signers) == 3  # the chairman, two vice-chairmen
    assert all(p.position.startswith(("Chủ tịch UBND", "Phó Chủ tịch UBND")) for p in signers)


def test_the_current_choice_stays_selectable(client, clerk, plan, commune):
    conference = upcoming(plan, clerk)
    head = Person.objects.filter(agency=commune, village__isnull=False).first()
    conference.secretary = head
    conference.save(update_fields=["secretary"])
    form = ConferenceEditForm(agency=commune, conference=conference,
                              initial=ConferenceEditForm.initial_for(conference))
    assert head in form.fields["secretary"].queryset
    assert head not in form.fields["chair"].queryset
    client.force_login(clerk)
    response = client.post(edit_url(conference), data_for(
        conference, secretary=str(head.pk), topics="Giữ thư ký"))
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.secretary == head and conference.topics == "Giữ thư ký"
    other = Person.objects.filter(agency=commune, village__isnull=False).exclude(
        pk=head.pk).first()
    response = client.post(edit_url(conference), data_for(conference, secretary=str(other.pk)))
    assert response.status_code == 400 and "secretary" in response.context["form"].errors


def test_a_village_person_cannot_chair_a_new_conference(client, clerk, plan, commune):
    head = Person.objects.filter(agency=commune, village__isnull=False).first()
    client.force_login(clerk)
    response = client.post(new_url(plan), form_data(chair=str(head.pk)))
    assert response.status_code == 200 and "chair" in response.context["form"].errors
    assert not plan.conferences.exists()
