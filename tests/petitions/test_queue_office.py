"""The office queue: everything of the agency, filtered, searched with or without diacritics,
paged by keyset, counted per state, and assigned or grouped in bulk."""

import datetime as dt

import pytest
from django.urls import reverse

from doithoai.core.petition_flow import State
from doithoai.core.text import fold
from doithoai.core.tracking import new_code
from doithoai.dialogues.models import Conference
from doithoai.org.models import Role
from doithoai.petitions.actions import assignments
from doithoai.petitions.models import Field, Issue, Kind, Petition
from doithoai.petitions.selectors.deadlines import today_info
from tests.factories import (
    AgencyFactory,
    ProvinceFactory,
    UnitFactory,
    VillageFactory,
    user_with_role,
)

QUEUE = reverse("petitions:queue")
BULK = reverse("petitions:queue_action")


def _codes(response):
    return [p.tracking_code for p in response.context["page"].rows]


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def _field(commune, code):
    return Field.objects.get(agency=commune, code=code)


def make(agency, n=1, *, text="Ý kiến về đường giao thông", **kw):
    """Many petitions at once (no audit, no notification): for lists, not for flows."""
    kw.setdefault("received_on", dt.date(2026, 10, 1))
    kw.setdefault("channel", "office")
    rows = [Petition(agency=agency, tracking_code=new_code(), text=text, search_text=fold(text),
                     **kw) for _ in range(n)]
    return Petition.objects.bulk_create(rows)


@pytest.fixture
def today():
    return today_info()


@pytest.fixture
def clerk(client, people):
    client.force_login(people["clerk"])
    return client


# --- search ----------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["duong lien thon", "Đường liên thôn", "ĐƯỜNG LIÊN THÔN",
                                   "thon   duong", "DUONG", "nà pàn"])
def test_search_works_with_or_without_diacritics(clerk, receive, query):
    road = receive(text="Đường liên thôn Nà Pàn xuống cấp, đề nghị sửa chữa.")
    clinic = receive(text="Trạm y tế xã thiếu thuốc thiết yếu.")
    codes = _codes(clerk.get(QUEUE, {"q": query}))
    assert road.tracking_code in codes and clinic.tracking_code not in codes


def test_search_by_tracking_code_as_typed(clerk, receive):
    a, b = receive(), receive()
    typed = a.tracking_code.replace("-", " ").lower()
    assert _codes(clerk.get(QUEUE, {"q": typed})) == [a.tracking_code]
    assert b.tracking_code not in _codes(clerk.get(QUEUE, {"q": a.tracking_code}))


def test_search_does_not_treat_like_wildcards_as_wildcards(clerk, receive):
    receive(text="Đường hỏng 100 mét")
    assert _codes(clerk.get(QUEUE, {"q": "%"})) == []
    assert _codes(clerk.get(QUEUE, {"q": "_"})) == []


# --- filters ---------------------------------------------------------------------------------

def test_each_filter_narrows_the_list(clerk, receive, people, commune):
    conf = Conference.objects.create(agency=commune, title="Hội nghị 2026",
                                     held_on=dt.date(2026, 10, 20))
    other_village = VillageFactory(agency=commune)
    base = receive()
    by_field = receive(field=_field(commune, "y-te"))
    by_village = receive()
    Petition.objects.filter(pk=by_village.pk).update(village=other_village)
    by_unit = assignments.assign(actor=people["clerk"], petition=receive(), unit=people["unit"])
    by_channel = receive()
    Petition.objects.filter(pk=by_channel.pk).update(channel="online")
    by_kind = receive(kind=Kind.COMPLAINT)
    by_conf = receive(conference=conf)
    early = receive(received_on=dt.date(2026, 9, 1))
    cases = [
        ({"field": by_field.field_id}, by_field),
        ({"village": other_village.pk}, by_village),
        ({"unit": people["unit"].pk}, by_unit),
        ({"state": State.ASSIGNED}, by_unit),
        ({"channel": "online"}, by_channel),
        ({"kind": Kind.COMPLAINT}, by_kind),
        ({"conference": conf.pk}, by_conf),
        ({"received_to": "2026-09-15"}, early),
    ]
    for params, expected in cases:
        assert _codes(clerk.get(QUEUE, params)) == [expected.tracking_code], params
    later = _codes(clerk.get(QUEUE, {"received_from": "2026-10-01"}))
    assert early.tracking_code not in later and base.tracking_code in later
    # Filters combine.
    assert _codes(clerk.get(QUEUE, {"unit": people["unit"].pk, "channel": "online"})) == []


def test_filters_stay_in_the_url_and_in_the_form(clerk, receive, people):
    receive()
    response = clerk.get(QUEUE, {"q": "duong", "state": "received", "due": "open"})
    body = response.content.decode()
    assert 'value="duong"' in body
    assert '<option value="received" selected>' in body
    # The counts per state link to the same filters with another state (or none).
    assert 'href="?q=duong&amp;due=open&amp;state=received" aria-current="true"' in body
    assert 'href="?q=duong&amp;due=open">Tất cả' in body


def test_a_bad_filter_value_is_an_error_not_a_crash(clerk, receive):
    receive()
    response = clerk.get(QUEUE, {"state": "bogus", "field": "999999", "received_from": "x",
                                 "after": "garbage"})
    assert response.status_code == 200
    assert len(response.context["page"].rows) == 1
    assert response.context["form"].errors


def test_due_filters_and_flags(clerk, receive, today):
    late, soon, later, done = receive(), receive(), receive(), receive()
    Petition.objects.filter(pk=late.pk).update(due_date=today.today - dt.timedelta(days=1))
    Petition.objects.filter(pk=soon.pk).update(due_date=today.soon_limit)
    Petition.objects.filter(pk=later.pk).update(due_date=today.soon_limit + dt.timedelta(days=9))
    Petition.objects.filter(pk=done.pk).update(due_date=today.today - dt.timedelta(days=5),
                                               state=State.PUBLISHED)
    assert _codes(clerk.get(QUEUE, {"due": "overdue"})) == [late.tracking_code]
    assert _codes(clerk.get(QUEUE, {"due": "soon"})) == [soon.tracking_code]
    assert _codes(clerk.get(QUEUE, {"due": "open"})) == [
        late.tracking_code, soon.tracking_code, later.tracking_code]
    response = clerk.get(QUEUE)
    flags = {p.tracking_code: p.flag for p in response.context["page"].rows}
    assert flags == {late.tracking_code: "overdue", soon.tracking_code: "due_soon",
                     later.tracking_code: None, done.tracking_code: None}
    body = response.content.decode()
    assert body.count('<span class="badge off">Quá hạn</span>') == 1
    assert body.count('<span class="badge warn">Sắp đến hạn</span>') == 1


def test_counts_per_state_follow_the_other_filters(clerk, receive, people):
    a, b = receive(), receive()
    assignments.assign(actor=people["clerk"], petition=a, unit=people["unit"])
    receive(text="Trạm y tế thiếu thuốc")
    assert _codes(clerk.get(QUEUE, {"q": "duong", "state": "received"})) == [b.tracking_code]
    response = clerk.get(QUEUE, {"q": "duong"})
    page = response.context["page"]
    assert page.counts["assigned"] == 1 and page.counts["received"] == 1
    assert page.total == 2
    response = clerk.get(QUEUE, {"q": "duong", "state": "assigned"})
    assert response.context["page"].total == 1 and _codes(response) == [a.tracking_code]
    assert response.context["page"].counts["received"] == 1  # still shown, to switch to


def test_default_order_is_newest_received_and_open_work_is_by_due_date(clerk, commune):
    old = make(commune, received_on=dt.date(2026, 1, 5), due_date=dt.date(2026, 12, 30))[0]
    new = make(commune, received_on=dt.date(2026, 10, 5), due_date=dt.date(2026, 11, 1))[0]
    assert _codes(clerk.get(QUEUE)) == [new.tracking_code, old.tracking_code]
    assert _codes(clerk.get(QUEUE, {"due": "open"})) == [new.tracking_code, old.tracking_code]
    Petition.objects.filter(pk=new.pk).update(due_date=dt.date(2027, 1, 30))
    assert _codes(clerk.get(QUEUE, {"state": "received"})) == [old.tracking_code,
                                                               new.tracking_code]


# --- keyset pages ----------------------------------------------------------------------------

def _walk(client, params):
    """Every page forwards, then backwards from the last one."""
    pages, response = [], client.get(QUEUE, params)
    while True:
        pages.append(_codes(response))
        nxt = response.context["pager"]["next"]
        if not nxt:
            break
        response = client.get(QUEUE + nxt)
    forward = pages
    backward = [_codes(response)]
    while response.context["pager"]["prev"]:
        response = client.get(QUEUE + response.context["pager"]["prev"])
        backward.append(_codes(response))
    return forward, backward[::-1]


@pytest.mark.parametrize("params", [{}, {"due": "open"}], ids=["received", "due"])
def test_keyset_pages_cover_everything_once_in_order(clerk, commune, params):
    # Many ties on the dates, and a few open ones without a due date.
    for i in range(7):
        make(commune, 17, received_on=dt.date(2026, 10, 1 + i),
             due_date=dt.date(2026, 12, 1 + i % 3))
    make(commune, 4, due_date=None)
    forward, backward = _walk(clerk, params)
    assert [len(p) for p in forward] == [50, 50, 23]
    assert forward == backward
    everything = [c for page in forward for c in page]
    assert len(set(everything)) == 123
    qs = Petition.objects.filter(agency=commune)
    ordering = (["-received_on", "-pk"] if not params else None)
    if ordering:
        expected = list(qs.order_by(*ordering).values_list("tracking_code", flat=True))
    else:
        rows = list(qs)
        rows.sort(key=lambda p: (p.due_date is None, p.due_date or dt.date.min, p.pk))
        expected = [p.tracking_code for p in rows]
    assert everything == expected


def test_the_pager_keeps_the_filters(clerk, commune):
    make(commune, 60, channel="online")
    make(commune, 5, channel="hotline")
    response = clerk.get(QUEUE, {"channel": "online"})
    nxt = response.context["pager"]["next"]
    assert "channel=online" in nxt and "after=" in nxt
    response = clerk.get(QUEUE + nxt)
    assert len(response.context["page"].rows) == 10
    assert response.context["page"].total == 60


# --- scope -----------------------------------------------------------------------------------

def test_another_communes_petitions_are_not_listed(clerk, receive, people):
    mine = receive()
    other = make(AgencyFactory())[0]
    codes = _codes(clerk.get(QUEUE))
    assert codes == [mine.tracking_code] and other.tracking_code not in codes
    assert _codes(clerk.get(QUEUE, {"q": other.tracking_code})) == []


def test_the_overseer_sees_the_province_read_only(client, db):
    province, elsewhere = ProvinceFactory(), ProvinceFactory()
    a, b = AgencyFactory(parent=province), AgencyFactory(parent=province)
    c = AgencyFactory(parent=elsewhere)
    pa, pb, pc = make(a)[0], make(b)[0], make(c)[0]
    overseer = user_with_role(Role.OVERSEER, agency=province)
    client.force_login(overseer)
    response = client.get(QUEUE)
    assert set(_codes(response)) == {pa.tracking_code, pb.tracking_code}
    assert response.context["bulk"] is None
    assert "agency" in response.context["form"].fields
    assert "unit" not in response.context["form"].fields  # until a commune is chosen
    response = client.get(QUEUE, {"agency": a.pk})
    assert _codes(response) == [pa.tracking_code]
    assert "unit" in response.context["form"].fields
    assert client.get(QUEUE, {"agency": c.pk}).context["page"].total == 2  # not theirs: ignored
    assert pc.tracking_code not in _codes(client.get(QUEUE, {"q": pc.tracking_code}))
    response = client.post(BULK, {"ids": [pa.pk], "op": "group", "title": "X"})
    assert response.status_code == 403


def test_a_unit_officer_is_sent_to_the_units_queue(client, people):
    client.force_login(people["officer"])
    response = client.get(QUEUE)
    assert response.status_code == 302 and response.url == reverse("petitions:unit_queue")


def test_a_village_head_sees_only_the_village(client, receive, people, commune):
    other_village = VillageFactory(agency=commune)
    mine = receive()
    theirs = receive()
    Petition.objects.filter(pk=theirs.pk).update(village=other_village)
    head = user_with_role(Role.VILLAGE_HEAD, agency=commune, village=people["village"])
    client.force_login(head)
    response = client.get(QUEUE)
    assert _codes(response) == [mine.tracking_code]
    assert response.context["bulk"] is None


# --- bulk actions ----------------------------------------------------------------------------

def test_bulk_assign_with_a_summary_of_refusals(clerk, receive, people):
    a, b = receive(), receive()
    complaint = receive(kind=Kind.COMPLAINT, text="Khiếu nại về đền bù")
    response = clerk.post(BULK, {"ids": [a.pk, b.pk, complaint.pk], "op": "assign",
                                 "unit": people["unit"].pk, "reason": "Thuộc lĩnh vực kinh tế",
                                 "next": QUEUE + "?q=duong"}, follow=True)
    assert response.redirect_chain[-1][0] == QUEUE + "?q=duong"
    [message] = _messages(response)
    assert message.startswith("Đã giao 2 ý kiến cho Phòng Kinh tế; 1 ý kiến không giao được: "
                              f"{complaint.tracking_code} — Khiếu nại, tố cáo không được giao")
    assert set(Petition.objects.filter(unit=people["unit"]).values_list("pk", flat=True)) == {
        a.pk, b.pk}
    assert Petition.objects.get(pk=complaint.pk).state == State.RECEIVED


def test_bulk_assign_all_done(clerk, receive, people):
    a, b = receive(), receive()
    response = clerk.post(BULK, {"ids": [a.pk, b.pk], "op": "assign",
                                 "unit": people["other_unit"].pk}, follow=True)
    assert _messages(response) == ["Đã giao 2 ý kiến cho Phòng Văn hóa - Xã hội."]


def test_bulk_needs_a_selection_and_a_unit(clerk, receive, people):
    a = receive()
    response = clerk.post(BULK, {"op": "assign", "unit": people["unit"].pk}, follow=True)
    assert "Hãy chọn ít nhất một ý kiến." in _messages(response)
    response = clerk.post(BULK, {"ids": [a.pk], "op": "assign"}, follow=True)
    assert "Hãy chọn đơn vị được giao." in _messages(response)
    assert Petition.objects.get(pk=a.pk).state == State.RECEIVED


def test_bulk_refuses_a_petition_of_another_commune(clerk, receive, people):
    mine, other = receive(), make(AgencyFactory())[0]
    clerk.post(BULK, {"ids": [mine.pk, other.pk], "op": "assign", "unit": people["unit"].pk})
    assert not Petition.objects.filter(unit__isnull=False).exists()


def test_bulk_refuses_a_unit_of_another_commune(clerk, receive):
    a = receive()
    foreign = UnitFactory(agency=AgencyFactory())
    clerk.post(BULK, {"ids": [a.pk], "op": "assign", "unit": foreign.pk})
    assert Petition.objects.get(pk=a.pk).unit is None


def test_group_into_an_issue_from_the_queue(clerk, receive):
    a, b, c = receive(), receive(), receive(text="Trạm y tế")
    response = clerk.post(BULK, {"ids": [a.pk, b.pk], "op": "group",
                                 "title": "Đường liên thôn Nà Pàn"}, follow=True)
    assert _messages(response) == ["Đã gộp 2 ý kiến vào vấn đề “Đường liên thôn Nà Pàn”."]
    issue = Issue.objects.get()
    assert set(issue.petitions.values_list("pk", flat=True)) == {a.pk, b.pk}
    assert Petition.objects.get(pk=c.pk).issue is None
    response = clerk.post(BULK, {"ids": [c.pk], "op": "group", "title": ""}, follow=True)
    assert "Cần chọn ít nhất hai ý kiến để gộp thành một vấn đề." in _messages(response)


@pytest.mark.parametrize("role", ["supervisor", "overseer"])
def test_read_only_roles_cannot_post_bulk(client, receive, people, commune, role):
    a, b = receive(), receive()
    if role == "overseer":
        province = ProvinceFactory()
        commune.parent = province
        commune.save()
        people["overseer"] = user_with_role(Role.OVERSEER, agency=province)
    client.force_login(people[role])
    for data in ({"ids": [a.pk, b.pk], "op": "assign", "unit": people["unit"].pk},
                 {"ids": [a.pk, b.pk], "op": "group", "title": "X"}):
        assert client.post(BULK, data).status_code == 403
    assert not Petition.objects.filter(unit__isnull=False).exists()
    assert not Issue.objects.exists()


def test_the_bulk_form_is_shown_to_the_office_only(client, receive, people):
    receive()
    client.force_login(people["clerk"])
    assert client.get(QUEUE).context["bulk"] is not None
    client.force_login(people["supervisor"])
    response = client.get(QUEUE)
    assert response.context["bulk"] is None
    assert 'name="ids"' not in response.content.decode()


# --- speed -----------------------------------------------------------------------------------

def test_queries_do_not_grow_with_the_rows(clerk, commune, people, django_assert_max_num_queries):
    field = _field(commune, "giao-thong")
    issue = Issue.objects.create(agency=commune, title="Đường")
    make(commune, 3, field=field, village=people["village"], unit=people["unit"], issue=issue,
         state=State.ASSIGNED, due_date=dt.date(2026, 12, 1))
    with django_assert_max_num_queries(20) as few:
        clerk.get(QUEUE, {"q": "duong", "due": "open"})
    make(commune, 60, field=field, village=people["village"], unit=people["unit"], issue=issue,
         state=State.ASSIGNED, due_date=dt.date(2026, 12, 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = clerk.get(QUEUE, {"q": "duong", "due": "open"})
    assert len(response.context["page"].rows) == 50
