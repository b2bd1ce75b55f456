"""A village's list sent on time stays on time when the conference is brought forward; the
check-in page says when it is used before or after the conference day."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doithoai.dialogues.actions import delegates
from doithoai.dialogues.models import Conference, Milestone, ParticipantGroup, VillageReturn
from doithoai.dialogues.selectors import delegates as delegates_reads
from doithoai.org.models import User, Village

Side = ParticipantGroup.Side


@pytest.fixture
def built(conference, clerk):
    delegates.build_delegates(actor=clerk, conference=conference)
    return conference


def _citizens(conference, actor, village, n=1):
    for i in range(n):
        delegates.add_delegate(actor=actor, conference=conference, side=Side.CITIZEN,
                                       village=village,
                       full_name=f"Hoàng Văn Dân {i}", position="Đại diện hộ gia đình")


def test_an_on_time_list_stays_on_time_when_the_deadline_moves_earlier(client, built, clerk,
                                                                      commune):
    conference = built
    na_pan = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    ban_chu = Village.objects.get(agency=commune, name="Thôn Bản Chu")
    head = User.objects.get(username="truongthon")
    _citizens(conference, head, na_pan)
    assert not delegates.submit_village_list(actor=head, conference=conference,
                                                     village=na_pan).late
    # The conference is brought forward: the lists' due day is now already past.
    conference.milestones.filter(kind=Milestone.Kind.DELEGATE_LISTS).update(
        due_on=timezone.localdate() - dt.timedelta(days=1))
    _citizens(conference, clerk, ban_chu)
    assert delegates.submit_village_list(actor=clerk, conference=conference,
                                                 village=ban_chu).late
    returns = {r.village_id: r for r in VillageReturn.objects.filter(conference=conference)}
    assert not returns[na_pan.pk].delegates_late and returns[ban_chu.pk].delegates_late
    rows = {r.village.name: r.late for r in delegates_reads.village_rows(conference)
            if r.village_return.delegates_sent_at}
    assert rows == {"Thôn Nà Pàn": False, "Thôn Bản Chu": True}
    client.force_login(clerk)
    html = client.get(reverse("dialogues:delegates", args=[conference.pk])).content.decode()
    assert "Gửi sau hạn: Thôn Bản Chu." in html
    village = client.get(reverse("dialogues:village_delegates",
                                 args=[conference.pk, na_pan.pk])).content.decode()
    assert "Đã gửi, sau hạn" not in village and "Đã gửi</span>" in village


def test_checkin_before_on_and_after_the_conference_day(client, built, clerk):
    conference, today = built, timezone.localdate()
    url = reverse("dialogues:checkin", args=[conference.pk])
    client.force_login(clerk)

    def page(held_on):
        Conference.objects.filter(pk=conference.pk).update(held_on=held_on)
        r = client.get(url)
        assert r.status_code == 200 and 'name="code"' in r.content.decode()  # still usable
        return r.content.decode()

    ahead = today + dt.timedelta(days=5)
    html = page(ahead)
    assert f"Hôm nay chưa đến ngày hội nghị ({ahead:%d/%m/%Y})." in html
    past = today - dt.timedelta(days=2)
    html = page(past)
    assert (f"Hội nghị đã diễn ra ngày {past:%d/%m/%Y}: điểm danh đang được nhập sau buổi "
            "họp") in html
    html = page(today)
    assert "chưa đến ngày hội nghị" not in html and "đang được nhập sau" not in html
