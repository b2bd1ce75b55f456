from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from doithoai.web import views as web_views

admin.site.site_header = _("doithoai — Quản trị hệ thống")
admin.site.site_title = _("doithoai")
admin.site.index_title = _("Quản trị")

urlpatterns = [
    path("", web_views.home, name="home"),
    path("favicon.ico", web_views.favicon, name="favicon"),
    path("dang-nhap/", web_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", web_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "doi-mat-khau/xong/",
        # Our own page, not the admin's template of the same name (the admin app is first).
        auth_views.PasswordChangeDoneView.as_view(
            template_name="web/password_change_done.html"),
        name="password_change_done",
    ),
    path("", include("doithoai.public.urls")),
    path("y-kien/nhap/", include("doithoai.petitions.intake_urls")),
    path("y-kien/", include("doithoai.petitions.urls")),
    path("doi-thoai/", include("doithoai.dialogues.urls")),
    path("phong-hop/", include("doithoai.live.urls")),
    path("phat-bieu/", include("doithoai.live.public_urls")),
    path("cong-khai/", include("doithoai.dialogues.public_urls")),
    path("to-chuc/", include("doithoai.org.urls")),
    # Any object's history: shown by web (it asks org who may read the object), named in the
    # audit namespace every app's templates link to.
    path("lich-su/", include(([
        path("<str:object_type>/<str:object_id>/", web_views.object_history, name="history"),
    ], "audit"))),
    path("lich-lam-viec/", include("doithoai.workdays.urls")),
    path("van-ban/", include("doithoai.documents.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
]
