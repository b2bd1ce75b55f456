"""Signing in, the lockout after repeated failures, the home page per role, Vietnamese."""

import pytest
from django.test import override_settings
from django.urls import reverse

from doithoai.org.models import Role
from tests.factories import PASSWORD, user_with_role


def test_login_page_is_vietnamese(client, db):
    html = client.get(reverse("login")).content.decode()
    assert 'lang="vi"' in html and "Đăng nhập" in html and "Mật khẩu" in html


def test_wrong_password_gets_a_vietnamese_message(client, world):
    user = user_with_role(Role.CLERK, agency=world["communes"][0])
    response = client.post(reverse("login"), {"username": user.username, "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_even_with_the_right_password(client, world):
    user = user_with_role(Role.CLERK, agency=world["communes"][0])
    for _ in range(3):
        client.post(reverse("login"), {"username": user.username, "password": "sai-mat-khau"})
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_right_password_logs_in_and_shows_my_work(client, world):
    user = user_with_role(Role.CLERK, agency=world["communes"][0])
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD},
                           follow=True)
    html = response.content.decode()
    assert "Việc của tôi" in html
    assert world["communes"][0].name in html


@pytest.mark.parametrize("role,expected", [
    (Role.CLERK, ["Đơn vị", "Thôn, tổ dân phố"]),
    (Role.UNIT_OFFICER, ["Cán bộ của đơn vị"]),
    (Role.VILLAGE_HEAD, ["Người đã ghi nhận trong thôn"]),
    (Role.OVERSEER, ["Xã, phường đang dùng doithoai"]),
])
def test_home_shows_scoped_counts_per_role(client, world, role, expected):
    commune = world["communes"][0]
    kwargs = {
        Role.UNIT_OFFICER: {"agency": commune, "unit": world["units0"][0]},
        Role.VILLAGE_HEAD: {"agency": commune, "village": world["villages0"][0]},
        Role.OVERSEER: {"agency": world["province"]},
    }.get(role, {"agency": commune})
    user = user_with_role(role, **kwargs)
    client.force_login(user)
    response = client.get(reverse("home"))
    html = response.content.decode()
    for text in expected:
        assert text in html
    cards = response.context["cards"]
    figures = dict(cards[0].figures)
    if role == Role.CLERK:
        assert figures["Đơn vị"] == 2 and figures["Thôn, tổ dân phố"] == 2
        assert figures["Cá nhân"] == 4
    if role == Role.UNIT_OFFICER:
        assert figures["Cán bộ của đơn vị"] == 1
    if role == Role.OVERSEER:
        assert figures["Xã, phường đang dùng doithoai"] == 2
        assert figures["Thôn, tổ dân phố"] == 4


def test_password_change(client, world):
    user = user_with_role(Role.CLERK, agency=world["communes"][0])
    client.force_login(user)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Mot-mat-khau-moi-2026",
        "new_password2": "Mot-mat-khau-moi-2026"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Mot-mat-khau-moi-2026")


def test_admin_is_in_vietnamese_for_system_administrators(client, world):
    admin = user_with_role(Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Quản trị" in html and "Tổ chức" in html
    assert "Bảo vệ đăng nhập" in html and "Access" not in html
    clerk = user_with_role(Role.CLERK, agency=world["communes"][0])
    client.force_login(clerk)
    assert client.get(reverse("admin:index")).status_code == 302  # to the admin login


def test_vietnamese_by_default_even_for_an_english_browser(client, db):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert 'lang="vi"' in html and "Đăng nhập" in html


def test_english_is_available_on_request(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/dang-nhap/"})
    assert response.status_code == 302
    html = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in html and "Sign in" in html


def test_system_administrator_home(client, world):
    admin = user_with_role(Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    figures = dict(response.context["cards"][0].figures)
    assert figures["Cơ quan sử dụng"] == 5  # two provinces and three communes


def test_a_chosen_language_does_not_leak_into_the_next_request(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.get(reverse("login"))
    from django.utils import translation
    assert translation.get_language() == "vi"


def test_forbidden_and_missing_pages_speak_vietnamese(client, world):
    supervisor = user_with_role(Role.SUPERVISOR, agency=world["communes"][0])
    client.force_login(supervisor)
    village = world["villages0"][0]
    forbidden = client.post(reverse("org:village_edit", args=[village.pk]), {"name": "x"})
    assert forbidden.status_code == 403
    assert "Bạn chỉ có quyền xem" in forbidden.content.decode()
    missing = client.get("/khong-co-trang-nay/")
    assert missing.status_code == 404 and "Không tìm thấy trang này" in missing.content.decode()


def test_password_change_done_is_our_page_not_the_admins(client, world):
    user = user_with_role(Role.CLERK, agency=world["communes"][0])
    client.force_login(user)
    html = client.get(reverse("password_change_done")).content.decode()
    assert "Đã đổi mật khẩu" in html and "Django" not in html


def test_the_site_has_an_icon_where_browsers_look_for_it(client, db):
    """/favicon.ico answers with the site's icon (the hall screen names none: no 404)."""
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith((b"<svg", b"<?xml"))
    assert "max-age" in response["Cache-Control"]
    assert client.post("/favicon.ico").status_code == 405
