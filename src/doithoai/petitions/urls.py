"""Staff pages of petitions, under /y-kien/ (the public ones live in `public`)."""

from django.urls import path

from doithoai.petitions import views

app_name = "petitions"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("xu-ly-nhieu/", views.queue_action, name="queue_action"),
    path("don-vi/", views.unit_queue, name="unit_queue"),
    path("cho-duyet/", views.approvals, name="approvals"),
    path("don-doc/", views.follow_up, name="follow_up"),
    path("don-doc/gui-nhac/", views.follow_up_remind, name="follow_up_remind"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/xu-ly/<slug:action>/", views.act, name="act"),
    path("<int:pk>/tra-loi/<int:answer_pk>/tep/", views.answer_file, name="answer_file"),
]
