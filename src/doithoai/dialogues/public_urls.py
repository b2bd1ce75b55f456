"""Public pages: announcements, published plans, conclusions and results."""

from doithoai.dialogues.views import public

app_name = "dialogues_public"
urlpatterns = public.urlpatterns
