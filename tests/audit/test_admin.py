"""The admin shows the log and offers no way to add, change or delete an event."""

from django.urls import reverse

from tests.factories import UserFactory


def test_admin_is_read_only(client, events):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    changelist = client.get(reverse("admin:audit_auditevent_changelist"))
    assert changelist.status_code == 200
    assert "village.update" in changelist.content.decode()
    assert "delete_selected" not in changelist.content.decode()
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    detail = client.get(reverse("admin:audit_auditevent_change", args=[3]))
    assert detail.status_code == 200 and 'name="_save"' not in detail.content.decode()
    assert client.post(reverse("admin:audit_auditevent_delete", args=[3])).status_code == 403
