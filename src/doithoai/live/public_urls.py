from django.urls import path

from doithoai.live.views import registrations

app_name = "live_public"

urlpatterns = [
    path("<str:value>/", registrations.register, name="register"),
]
