"""What the live room knows about who must not be named, for the dialogues' public texts
(`dialogues.confidential`, registered when the app is ready): every registrant's name, those
never to be named (`confidential_names`), the petitions of those who asked not to be named or
denounce, the denunciations known by a speaker's words."""

from __future__ import annotations

from doithoai.dialogues.confidential import Known
from doithoai.live.models import Registration
from doithoai.live.selectors.minutes import confidential_names


def known(conference) -> Known:
    rows = list(Registration.objects.filter(session__conference=conference)
                .select_related("petition").prefetch_related("petition__petitioners"))
    secret = set(confidential_names(conference))
    names = {r.full_name for r in rows} | secret
    unnamed = {r.petition_id for r in rows if r.petition_id and r.is_confidential}
    denounced = {r.petition_id for r in rows if r.petition_id and r.is_denunciation}
    return Known(names=frozenset(n.strip() for n in names if n.strip()),
                 secret=frozenset(secret),
                 unnamed=frozenset(unnamed), denounced=frozenset(denounced))
