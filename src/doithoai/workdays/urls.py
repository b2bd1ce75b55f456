from django.urls import path

from doithoai.workdays import views

app_name = "workdays"

urlpatterns = [
    path("", views.year, name="year"),
    path("dieu-chinh/<int:pk>/bat-tat/", views.toggle, name="toggle"),
]
