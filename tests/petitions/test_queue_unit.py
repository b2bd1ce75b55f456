"""The unit's queue: what is assigned to the officer's unit and still open, by due date."""

import datetime as dt

import pytest
from django.urls import reverse

from doithoai.core.petition_flow import State
from doithoai.org.models import Membership, Role
from doithoai.petitions.actions import answers, assignments
from doithoai.petitions.models import Petition
from doithoai.petitions.selectors.deadlines import today_info
from tests.factories import AgencyFactory, UnitFactory, user_with_role
from tests.petitions.test_queue_office import make

UNIT_QUEUE = reverse("petitions:unit_queue")


def _codes(response):
    return [p.tracking_code for p in response.context["page"].rows]


@pytest.fixture
def officer(client, people):
    client.force_login(people["officer"])
    return client


def _assign(people, petition, unit=None):
    return assignments.assign(actor=people["clerk"], petition=petition,
                              unit=unit or people["unit"])


def test_only_the_units_open_petitions_by_due_date(officer, receive, people):
    late = _assign(people, receive(received_on=dt.date(2026, 9, 1)))
    first = _assign(people, receive(received_on=dt.date(2026, 10, 1)))
    drafted = _assign(people, receive(received_on=dt.date(2026, 10, 15)))
    answers.draft_answer(actor=people["officer"], petition=drafted, text="Dự thảo")
    published = _assign(people, receive())
    Petition.objects.filter(pk=published.pk).update(state=State.PUBLISHED)
    other_unit = _assign(people, receive(), people["other_unit"])
    unassigned = receive()
    codes = _codes(officer.get(UNIT_QUEUE))
    assert codes == [late.tracking_code, first.tracking_code, drafted.tracking_code]
    for hidden in (published, other_unit, unassigned):
        assert hidden.tracking_code not in codes


def test_flags_and_due_filters(officer, receive, people):
    today = today_info()
    late, soon, calm = (_assign(people, receive()) for _ in range(3))
    Petition.objects.filter(pk=late.pk).update(due_date=today.today - dt.timedelta(days=2))
    Petition.objects.filter(pk=soon.pk).update(due_date=today.today)
    Petition.objects.filter(pk=calm.pk).update(due_date=today.soon_limit + dt.timedelta(days=20))
    response = officer.get(UNIT_QUEUE)
    assert {p.tracking_code: p.flag for p in response.context["page"].rows} == {
        late.tracking_code: "overdue", soon.tracking_code: "due_soon", calm.tracking_code: None}
    body = response.content.decode()
    assert "Quá hạn</span>" in body and "Sắp đến hạn</span>" in body
    assert _codes(officer.get(UNIT_QUEUE, {"due": "overdue"})) == [late.tracking_code]
    assert _codes(officer.get(UNIT_QUEUE, {"due": "soon"})) == [soon.tracking_code]
    assert len(_codes(officer.get(UNIT_QUEUE, {"due": "nonsense"}))) == 3


def test_each_row_opens_the_petition_where_the_officer_answers(officer, receive, people):
    p = _assign(people, receive())
    assert reverse("petitions:detail", args=[p.pk]) in officer.get(UNIT_QUEUE).content.decode()
    assert officer.get(reverse("petitions:detail", args=[p.pk])).context["opened"] == (
        "draft_answer")


def test_another_units_petition_is_404_for_the_officer(officer, receive, people):
    theirs = _assign(people, receive(), people["other_unit"])
    assert officer.get(reverse("petitions:detail", args=[theirs.pk])).status_code == 404
    foreign = make(AgencyFactory(), unit=UnitFactory(), state=State.ASSIGNED)[0]
    assert officer.get(reverse("petitions:detail", args=[foreign.pk])).status_code == 404


def test_paged_by_keyset(officer, commune, people):
    make(commune, 55, unit=people["unit"], state=State.ASSIGNED, due_date=dt.date(2026, 12, 1))
    response = officer.get(UNIT_QUEUE)
    assert len(_codes(response)) == 50 and response.context["page"].total == 55
    second = officer.get(UNIT_QUEUE + response.context["pager"]["next"])
    assert len(set(_codes(response)) | set(_codes(second))) == 55


def test_an_officer_of_two_units_sees_both(client, receive, people, commune):
    both = user_with_role(Role.UNIT_OFFICER, agency=commune, unit=people["unit"])
    Membership.objects.create(user=both, role=Role.UNIT_OFFICER, agency=commune,
                              unit=people["other_unit"])
    a = _assign(people, receive())
    b = _assign(people, receive(), people["other_unit"])
    client.force_login(both)
    response = client.get(UNIT_QUEUE)
    assert set(_codes(response)) == {a.tracking_code, b.tracking_code}
    assert "Phòng Văn hóa - Xã hội" in response.content.decode()


def test_someone_without_a_unit_is_sent_to_the_office_queue(client, people):
    client.force_login(people["clerk"])
    response = client.get(UNIT_QUEUE)
    assert response.status_code == 302 and response.url == reverse("petitions:queue")


def test_queries_do_not_grow_with_the_rows(officer, commune, people,
                                           django_assert_max_num_queries):
    make(commune, 2, unit=people["unit"], state=State.ASSIGNED, due_date=dt.date(2026, 12, 1),
         village=people["village"])
    with django_assert_max_num_queries(15) as few:
        officer.get(UNIT_QUEUE)
    make(commune, 60, unit=people["unit"], state=State.ASSIGNED, due_date=dt.date(2026, 12, 1),
         village=people["village"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        officer.get(UNIT_QUEUE)
