"""Staff pages of plans and conferences (each views module owns its paths)."""

from doithoai.dialogues.views import conferences, oversight, participants, plans, preparation

app_name = "dialogues"
urlpatterns = [
    *plans.urlpatterns,
    *conferences.urlpatterns,
    *participants.urlpatterns,
    *preparation.urlpatterns,
    *oversight.urlpatterns,
]
