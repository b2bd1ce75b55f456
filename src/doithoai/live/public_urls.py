from django.urls import path

from doithoai.live import public_views

app_name = "live_public"

urlpatterns = [
    path("<str:value>/", public_views.register, name="register"),
]
