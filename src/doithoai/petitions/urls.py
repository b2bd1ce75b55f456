"""Staff pages of petitions, under /y-kien/ (the public ones live in `public`)."""

from django.urls import path

from doithoai.petitions.views import approvals, follow_up, petition, queues

app_name = "petitions"
urlpatterns = [
    path("", queues.queue, name="queue"),
    path("xu-ly-nhieu/", queues.queue_action, name="queue_action"),
    path("don-vi/", queues.unit_queue, name="unit_queue"),
    path("cho-duyet/", approvals.approvals, name="approvals"),
    path("don-doc/", follow_up.follow_up, name="follow_up"),
    path("don-doc/gui-nhac/", follow_up.follow_up_remind, name="follow_up_remind"),
    path("don-doc/lan/<int:pk>/", follow_up.urge_detail, name="urge_detail"),
    path("<int:pk>/", petition.detail, name="detail"),
    path("<int:pk>/xu-ly/<slug:action>/", petition.act, name="act"),
    path("<int:pk>/tra-loi/<int:answer_pk>/tep/", petition.answer_file, name="answer_file"),
]
