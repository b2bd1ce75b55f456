"""A conference's history reads in Vietnamese: action names, the facts events carry, dates
as dd/mm/yyyy, long lists of codes summarised."""

from django.urls import reverse

from doithoai.dialogues.actions import delegates, invitations


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
