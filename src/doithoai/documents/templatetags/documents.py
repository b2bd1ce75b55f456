"""`{% documents_panel obj %}`: the documents made from an object, on that object's page.

Per kind of document: the current state (draft, issued with its number, a correction in
draft), a preview of page 1, the .docx and .pdf downloads, and for the office the "Ban hành"
form, or the list of fields still missing when it cannot be issued yet.
"""

from django import template
from django.urls import reverse

from doithoai.documents import rules
from doithoai.documents.drawing import pdf
from doithoai.documents.forms import IssueForm
from doithoai.documents.registry import kinds_for
from doithoai.documents.selectors.drafts import issue_refusal
from doithoai.documents.selectors.issued import Held, held_by_kind
from doithoai.org import access

register = template.Library()


def _entry(kind, obj, held: Held, *, can_act: bool) -> dict:
    draft, issued = held.draft, held.issued
    args = [kind.code, obj.pk]
    entry = {"kind": kind, "draft": draft, "issued": issued, "can_act": can_act}
    if issued is not None and draft is None:
        # Frozen: what is shown and downloaded is the stored file.
        entry.update(
            frozen=True,
            docx_url=reverse("documents:document_docx", args=[issued.pk]),
            pdf_url=reverse("documents:document_pdf", args=[issued.pk]),
            png_url=reverse("documents:document_png", args=[issued.pk]),
            xlsx_url=(reverse("documents:document_xlsx", args=[issued.pk])
                      if issued.table_file else None),
            detail_url=reverse("documents:detail", args=[issued.pk]),
        )
        return entry
    entry.update(
        frozen=False,
        docx_url=reverse("documents:draft_docx", args=args),
        pdf_url=reverse("documents:draft_pdf", args=args),
        png_url=reverse("documents:draft_png", args=args),
        xlsx_url=reverse("documents:draft_xlsx", args=args) if kind.table else None,
        issue_url=reverse("documents:issue", args=args),
        detail_url=reverse("documents:detail", args=[draft.pk]) if draft else None,
        missing=kind.required(obj),
        refusal=issue_refusal(kind.code, obj, held),
        form=IssueForm(auto_id=f"id_{kind.code}_%s"),
    )
    return entry


@register.inclusion_tag("documents/panel.html", takes_context=True)
def documents_panel(context, obj):
    request = context["request"]
    can_act = access.can(request.user, rules.ISSUE, obj)
    held = held_by_kind(obj)
    nothing = Held(None, None)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "obj": obj,
        "entries": [_entry(kind, obj, held.get(kind.code, nothing), can_act=can_act)
                    for kind in kinds_for(obj)],
        "pdf_ready": pdf.ready(),
        "pdf_missing": pdf.missing_message(),
        "next": request.get_full_path(),
    }
