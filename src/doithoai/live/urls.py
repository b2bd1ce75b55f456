from django.urls import path

from doithoai.live.views import console, screen, slips

app_name = "live"

urlpatterns = [
    path("hoi-nghi/<int:pk>/", console.console_page, name="console"),
    path("hoi-nghi/<int:pk>/chu-tri/", console.chair_page, name="chair"),
    path("hoi-nghi/<int:pk>/mo-phien/", console.open_page, name="open"),
    path("hoi-nghi/<int:pk>/trang-thai/", console.state_fragment, name="state"),
    path("hoi-nghi/<int:pk>/nguoi-phat-bieu/<int:registration>/", console.speaker_fragment,
         name="speaker"),
    path("hoi-nghi/<int:pk>/nguoi-phat-bieu/<int:registration>/ban-cong-khai/",
         console.answer_preview_fragment, name="answer_preview"),
    path("hoi-nghi/<int:pk>/thao-tac/", console.act, name="act"),
    path("hoi-nghi/<int:pk>/man-hinh/", screen.screen, name="screen"),
    path("hoi-nghi/<int:pk>/man-hinh/noi-dung/", screen.screen_fragment, name="screen_fragment"),
    path("hoi-nghi/<int:pk>/phieu-theo-doi/", slips.slips_page, name="slips"),
]
