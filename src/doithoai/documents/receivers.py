"""How the documents follow the dialogues: a conclusion given on the conference page is issued
as the conclusion notice."""

from doithoai.documents.actions.register import issue_conclusion_notice


def conclusion_given(sender, *, actor, conference, conclusion, concluded_on, version=None,
                     **kwargs) -> None:
    issue_conclusion_notice(actor=actor, conference=conference, conclusion=conclusion,
                            issued_on=concluded_on,
                            version=version)
