"""Leader approval: drafted answers wait here; the leader approves or sends back with a
reason; the office then publishes and sends."""

import pytest
from django.urls import reverse

from doithoai.core.petition_flow import State
from doithoai.petitions.actions import answers, assignments
from doithoai.petitions.models import Petition
from doithoai.petitions.selectors import petitions as petition_selectors
from tests.factories import AgencyFactory, UnitFactory
from tests.petitions.test_queue_office import make

APPROVALS = reverse("petitions:approvals")


def _act(p, action):
    return reverse("petitions:act", args=[p.pk, action])


@pytest.fixture
def drafted(receive, people):
    def draft(text="Đường sẽ được sửa trong quý I năm 2027."):
        p = assignments.assign(actor=people["clerk"], petition=receive(), unit=people["unit"])
        answers.draft_answer(actor=people["officer"], petition=p, text=text,
                             document_number="45/UBND-KT")
        return Petition.objects.get(pk=p.pk)
    return draft


def test_the_leader_sees_drafts_with_their_answers_and_approves(client, drafted, people):
    p = drafted()
    client.force_login(people["leader"])
    response = client.get(APPROVALS)
    assert [r.pk for r in response.context["drafted"]] == [p.pk]
    row = response.context["drafted"][0]
    assert row.can_approve and row.answer.text.startswith("Đường sẽ được sửa")
    body = response.content.decode()
    assert "Đường sẽ được sửa trong quý I năm 2027." in body and "45/UBND-KT" in body
    response = client.post(_act(p, "approve"), {"approve-version": p.version,
                                                "next": APPROVALS})
    assert response.status_code == 302 and response.url == APPROVALS
    assert Petition.objects.get(pk=p.pk).state == State.ANSWER_APPROVED
    response = client.get(APPROVALS)
    assert response.context["drafted"] == [] and [r.pk for r in response.context["approved"]] == [
        p.pk]


def test_the_leader_sends_back_with_a_reason(client, drafted, people):
    p = drafted()
    client.force_login(people["leader"])
    response = client.post(_act(p, "send_back"), {
        "send_back-version": p.version, "send_back-reason": "Nêu rõ kinh phí", "next": APPROVALS},
        follow=True)
    assert response.redirect_chain[-1][0] == APPROVALS
    assert Petition.objects.get(pk=p.pk).state == State.ASSIGNED
    assert "Đã thực hiện: Trả lại để sửa." in [str(m) for m in response.context["messages"]]


def test_the_office_publishes_what_was_approved(client, drafted, people, mailoutbox):
    p = drafted()
    answers.approve_answer(actor=people["leader"], petition=p)
    p = Petition.objects.get(pk=p.pk)
    client.force_login(people["clerk"])
    response = client.get(APPROVALS)
    assert not response.context["drafted"]
    [row] = response.context["approved"]
    assert row.can_publish and not row.can_approve
    client.post(_act(p, "publish"), {"publish-version": p.version, "next": APPROVALS})
    p = Petition.objects.get(pk=p.pk)
    assert p.state == State.PUBLISHED
    assert petition_selectors.current_answer(p).published_at is not None


def test_the_clerk_cannot_approve(client, drafted, people):
    p = drafted()
    client.force_login(people["clerk"])
    response = client.get(APPROVALS)
    assert not response.context["drafted"][0].can_approve
    assert 'name="approve-version"' not in response.content.decode()
    assert client.post(_act(p, "approve"), {"approve-version": p.version}).status_code == 403
    assert Petition.objects.get(pk=p.pk).state == State.ANSWER_DRAFTED


def test_a_stale_approval_changes_nothing(client, drafted, people):
    p = drafted()
    seen = p.version
    answers.send_back(actor=people["leader"], petition=p, reason="Sửa số liệu")
    answers.draft_answer(actor=people["officer"], petition=Petition.objects.get(pk=p.pk),
                         text="Bản mới")
    client.force_login(people["leader"])
    response = client.post(_act(p, "approve"), {"approve-version": seen, "next": APPROVALS})
    assert response.status_code == 409
    assert Petition.objects.get(pk=p.pk).state == State.ANSWER_DRAFTED


def test_the_supervisor_sees_but_cannot_act(client, drafted, people):
    p = drafted()
    client.force_login(people["supervisor"])
    response = client.get(APPROVALS)
    assert response.status_code == 200
    row = response.context["drafted"][0]
    assert not row.can_approve and not row.can_publish
    assert "<form" not in response.content.decode().split("<main")[1].split("</main>")[0]
    for action, data in (("approve", {"approve-version": p.version}),
                         ("send_back", {"send_back-version": p.version,
                                        "send_back-reason": "x"})):
        assert client.post(_act(p, action), data).status_code == 403
    assert Petition.objects.get(pk=p.pk).state == State.ANSWER_DRAFTED


def test_another_communes_drafts_are_not_listed(client, drafted, people):
    mine = drafted()
    other = make(AgencyFactory(), unit=UnitFactory(), state=State.ANSWER_DRAFTED)[0]
    client.force_login(people["leader"])
    pks = [r.pk for r in client.get(APPROVALS).context["drafted"]]
    assert pks == [mine.pk] and other.pk not in pks
    assert client.post(_act(other, "approve"), {"approve-version": 1}).status_code == 404


def test_queries_do_not_grow_with_the_rows(client, drafted, people,
                                           django_assert_max_num_queries):
    drafted()
    client.force_login(people["leader"])
    with django_assert_max_num_queries(20) as few:
        client.get(APPROVALS)
    for _ in range(4):
        drafted()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(APPROVALS)
