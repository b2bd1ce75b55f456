"""How the documents serve the dialogues: a conclusion given on the conference page is issued
as the conclusion notice (registered in `dialogues.conclusions`)."""

from doithoai.documents.actions.register import issue_conclusion_notice


def issue_conclusion(*, actor, conference, conclusion, concluded_on, signed,
                     version=None) -> None:
    issue_conclusion_notice(actor=actor, conference=conference, conclusion=conclusion,
                            issued_on=concluded_on, signed=signed, version=version)
