"""The conference page's conclusion is issued by the documents through a registered hook: it
is registered when the apps are ready, and without it the page is refused (never told it
succeeded with nothing done)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from doithoai.dialogues import conclusions
from doithoai.documents import receivers


def test_the_documents_issue_the_conclusion_notice():
    assert conclusions._issuer is receivers.issue_conclusion


def test_without_an_issuer_the_conclusion_is_refused(monkeypatch):
    monkeypatch.setattr(conclusions, "_issuer", None)
    with pytest.raises(ImproperlyConfigured):
        conclusions.issue(actor=None, conference=None, conclusion="Kết luận.",
                          concluded_on=None, signed=True, version=None)
