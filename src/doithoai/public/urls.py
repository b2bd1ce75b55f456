"""The citizens' side, at the short addresses printed on paper forms and read on the radio."""

from django.urls import path

from doithoai.public import views

app_name = "public"
urlpatterns = [
    path("gui-y-kien/", views.submit, name="submit"),
    path("gui-y-kien/da-gui/", views.receipt, name="receipt"),
    path("tra-cuu/", views.track, name="track"),
    path("tra-cuu/<str:code>/", views.track_code, name="track_code"),
    path("tra-cuu/<str:code>/giai-quyet-lai/", views.ask_again, name="ask_again"),
    path("tra-cuu/<str:code>/danh-gia/", views.rate, name="rate"),
]
