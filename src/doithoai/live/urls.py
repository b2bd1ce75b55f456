from django.urls import path

from doithoai.live import views

app_name = "live"

urlpatterns = [
    path("hoi-nghi/<int:pk>/man-hinh/", views.screen, name="screen"),
    path("hoi-nghi/<int:pk>/man-hinh/noi-dung/", views.screen_fragment, name="screen_fragment"),
]
