from django.urls import path

from doithoai.documents.views import drafts, issued, register, templates

app_name = "documents"

urlpatterns = [
    path("", register.register, name="register"),
    path("so/<int:agency_id>/", register.register_adjust, name="register_adjust"),
    path("mau/", templates.templates, name="templates"),
    path("mau/<int:agency_id>/<slug:kind>/tai-ve/", templates.template_download,
         name="template_download"),
    path("mau/<int:agency_id>/<slug:kind>/tai-len/", templates.template_upload,
         name="template_upload"),
    path("mau/<int:agency_id>/<slug:kind>/mau-goc/", templates.template_reset,
         name="template_reset"),
    path("<int:pk>/", issued.detail, name="detail"),
    path("<int:pk>/tai-ve.docx", issued.document_docx, name="document_docx"),
    path("<int:pk>/ban-in.pdf", issued.document_pdf, name="document_pdf"),
    path("<int:pk>/xem-truoc.png", issued.document_png, name="document_png"),
    path("<int:pk>/bang-so-lieu.xlsx", issued.document_xlsx, name="document_xlsx"),
    path("<int:pk>/sua-doi/", issued.correct, name="correct"),
    path("du-thao/<slug:kind>/<int:object_id>/tai-ve.docx", drafts.draft_docx,
         name="draft_docx"),
    path("du-thao/<slug:kind>/<int:object_id>/ban-in.pdf", drafts.draft_pdf, name="draft_pdf"),
    path("du-thao/<slug:kind>/<int:object_id>/xem-truoc.png", drafts.draft_png,
         name="draft_png"),
    path("du-thao/<slug:kind>/<int:object_id>/bang-so-lieu.xlsx", drafts.draft_xlsx,
         name="draft_xlsx"),
    path("du-thao/<slug:kind>/<int:object_id>/ban-hanh/", drafts.issue, name="issue"),
]
