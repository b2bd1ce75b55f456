"""Intake pages, meant to be included at `y-kien/nhap/` (namespace "intake")."""

from django.urls import path

from doithoai.petitions.views import intake as views

app_name = "intake"
urlpatterns = [
    path("", views.index, name="index"),
    path("dot/<int:pk>/", views.batch, name="batch"),
    path("dot/<int:pk>/in/", views.batch_print, name="batch_print"),
    path("mau-excel/", views.template, name="template"),
    path("tai-len/", views.upload, name="upload"),
]
