"""`doithoai digest`: the chairperson's weekly digest — overdue petitions by where they wait
(each unit, the office), the oldest group first and the oldest first in each; once a week."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from doithoai.audit.models import AuditEvent
from doithoai.org.models import Person, Role, User
from doithoai.petitions.actions import assignments, digests
from doithoai.petitions.models import Digest, Kind, Petition
from doithoai.petitions.selectors.deadlines import today_info
from tests.factories import user_with_role


@pytest.fixture
def late(receive, people, commune):
    today = today_info().today

    def at(unit, days, text="Đường liên thôn xuống cấp"):
        p = receive(text=text)
        if unit is not None:
            p = assignments.assign(actor=people["clerk"], petition=p, unit=unit)
        Petition.objects.filter(pk=p.pk).update(due_date=today - dt.timedelta(days=days))
        return Petition.objects.get(pk=p.pk)

    d = {"a_new": at(people["unit"], 3), "a_old": at(people["unit"], 10),
         "b_oldest": at(people["other_unit"], 20), "office": at(None, 5),
         "soon": at(people["unit"], -1)}
    complaint = receive(text="Khiếu nại việc thu hồi đất")
    Petition.objects.filter(pk=complaint.pk).update(kind=Kind.COMPLAINT,
                                                    due_date=today - dt.timedelta(days=30))
    chair = user_with_role(Role.LEADER, agency=commune)
    chair.email, chair.person = "chutich@example.vn", Person.objects.create(
        agency=commune, full_name="Lý Thị Dương", position="Chủ tịch UBND xã")
    chair.save()
    people["leader"].email = "phochutich@example.vn"  # a vice-chairman: not the digest's
    people["leader"].person = Person.objects.create(agency=commune, full_name="Hoàng Văn Tuấn",
                                                    position="Phó Chủ tịch UBND xã")
    people["leader"].save()
    d["today"] = today
    return d


def test_late_by_unit_oldest_first_to_the_chairperson(late, people, mailoutbox):
    outcome = digests.run(today=late["today"])
    assert outcome.sent == [(people["unit"].agency.name, 4, 1)]
    [mail] = mailoutbox
    assert mail.to == ["chutich@example.vn"]
    body = mail.body
    order = [body.index(x) for x in ("1. Phòng Văn hóa - Xã hội: 1 ý kiến quá hạn",
                                     "2. Phòng Kinh tế: 2 ý kiến quá hạn",
                                     "3. Chờ Văn phòng phân loại, giao đơn vị: 1 ý kiến")]
    assert order == sorted(order)
    assert body.index(late["a_old"].tracking_code) < body.index(late["a_new"].tracking_code)
    assert late["soon"].tracking_code not in body and "Khiếu nại" not in body
    assert AuditEvent.objects.filter(action="digest.send").count() == 1


NAMED = "Ông Chu Văn Pằn phản ánh đường liên thôn Nà Pàn xuống cấp"


def test_a_name_in_the_words_is_written_as_initials(late, mailoutbox):
    """The digest quotes the words as the public reads them: nobody named in full."""
    Petition.objects.filter(pk=late["a_new"].pk).update(text=NAMED)
    digests.run(today=late["today"])
    [mail] = mailoutbox
    assert "Chu Văn Pằn" not in mail.body and "Ông C. V. P. phản ánh" in mail.body


def test_once_a_week(late, mailoutbox):
    digests.run(today=late["today"])
    monday = digests.week_of(late["today"])
    again = digests.run(today=monday + dt.timedelta(days=6))
    assert again.sent == [] and again.already == 1 and len(mailoutbox) == 1
    assert digests.run(today=monday + dt.timedelta(days=7)).sent
    assert Digest.objects.count() == 2 and len(mailoutbox) == 2


def test_the_command_and_its_dry_run(late, mailoutbox):
    out = StringIO()
    call_command("digest", "--date", late["today"].isoformat(), "--dry-run", stdout=out)
    assert "Chạy thử tổng hợp tuần" in out.getvalue() and "sẽ gửi 1 thư" in out.getvalue()
    assert mailoutbox == [] and not Digest.objects.exists()
    out = StringIO()
    call_command("digest", "--date", late["today"].isoformat(), stdout=out)
    assert "đã gửi 1 thư" in out.getvalue() and len(mailoutbox) == 1


def test_a_chairperson_without_an_address_is_reported(late, mailoutbox):
    User.objects.filter(memberships__role=Role.LEADER).update(email="")
    outcome = digests.run(today=late["today"])
    assert outcome.unreachable and mailoutbox == [] and not Digest.objects.exists()
