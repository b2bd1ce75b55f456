from django.urls import path

from doithoai.org import views

app_name = "org"
urlpatterns = [
    path("", views.agency_list, name="agency_list"),
    path("co-quan/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("thon/<int:pk>/", views.village_detail, name="village_detail"),
    path("thon/<int:pk>/sua/", views.village_edit, name="village_edit"),
    path("ca-nhan/<int:pk>/sua/", views.person_edit, name="person_edit"),
]
