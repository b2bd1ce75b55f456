from django.urls import path

from doithoai.workdays import views

app_name = "workdays"

urlpatterns = [
    path("", views.year, name="year"),
    path("dieu-chinh/<int:pk>/bat-tat/", views.toggle, name="toggle"),
    path("nam/<int:year>/xac-nhan/", views.confirm_year, name="confirm_year"),
    path("nam/<int:year>/huy-xac-nhan/", views.withdraw_year, name="withdraw_year"),
]
