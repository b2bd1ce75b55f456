from django.urls import path

from doithoai.live import views

app_name = "live"

urlpatterns = [
    path("hoi-nghi/<int:pk>/", views.console_page, name="console"),
    path("hoi-nghi/<int:pk>/chu-tri/", views.chair_page, name="chair"),
    path("hoi-nghi/<int:pk>/mo-phien/", views.open_page, name="open"),
    path("hoi-nghi/<int:pk>/trang-thai/", views.state_fragment, name="state"),
    path("hoi-nghi/<int:pk>/nguoi-phat-bieu/<int:registration>/", views.speaker_fragment,
         name="speaker"),
    path("hoi-nghi/<int:pk>/thao-tac/", views.act, name="act"),
    path("hoi-nghi/<int:pk>/man-hinh/", views.screen, name="screen"),
    path("hoi-nghi/<int:pk>/man-hinh/noi-dung/", views.screen_fragment, name="screen_fragment"),
]
