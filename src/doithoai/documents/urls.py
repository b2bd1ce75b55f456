from django.urls import path

from doithoai.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.register, name="register"),
    path("so/<int:agency_id>/", views.register_adjust, name="register_adjust"),
    path("mau/", views.templates, name="templates"),
    path("mau/<int:agency_id>/<slug:kind>/tai-ve/", views.template_download,
         name="template_download"),
    path("mau/<int:agency_id>/<slug:kind>/tai-len/", views.template_upload,
         name="template_upload"),
    path("mau/<int:agency_id>/<slug:kind>/mau-goc/", views.template_reset,
         name="template_reset"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tai-ve.docx", views.document_docx, name="document_docx"),
    path("<int:pk>/ban-in.pdf", views.document_pdf, name="document_pdf"),
    path("<int:pk>/xem-truoc.png", views.document_png, name="document_png"),
    path("<int:pk>/bang-so-lieu.xlsx", views.document_xlsx, name="document_xlsx"),
    path("<int:pk>/sua-doi/", views.correct, name="correct"),
    path("du-thao/<slug:kind>/<int:object_id>/tai-ve.docx", views.draft_docx,
         name="draft_docx"),
    path("du-thao/<slug:kind>/<int:object_id>/ban-in.pdf", views.draft_pdf, name="draft_pdf"),
    path("du-thao/<slug:kind>/<int:object_id>/xem-truoc.png", views.draft_png,
         name="draft_png"),
    path("du-thao/<slug:kind>/<int:object_id>/bang-so-lieu.xlsx", views.draft_xlsx,
         name="draft_xlsx"),
    path("du-thao/<slug:kind>/<int:object_id>/ban-hanh/", views.issue, name="issue"),
]
