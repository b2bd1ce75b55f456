"""Sending an opinion from the public form: the limits, the honeypot, then `receive`; the
citizen answering back from the tracking page by his code (`petitions.actions.answer_back`);
and counting an address's hits against the public limits.

Everything a citizen sends goes through `petitions.actions.intake.receive` (one transaction, one
audit event, a tracking code); this module only decides whether to call it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from doithoai.core import tracking
from doithoai.petitions.actions import answer_back
from doithoai.petitions.actions import intake as petition_intake
from doithoai.petitions.models import AnswerRating, Petition, ReopenRequest
from doithoai.public import throttle
from doithoai.public.models import Attempt
from doithoai.workdays.calendar import get_calendar

# Stored in the audit log: Vietnamese whatever the page's language.
ACTOR_LABEL = "Công dân (trang công khai)"


@dataclass(frozen=True)
class Receipt:
    """What the citizen's receipt shows."""

    agency_id: int
    code: str
    received_on: dt.date
    due_date: dt.date | None
    village_id: int | None
    field_id: int | None

    @classmethod
    def of(cls, petition: Petition) -> Receipt:
        return cls(petition.agency_id, petition.tracking_code, petition.received_on,
                   petition.due_date, petition.village_id, petition.field_id)


class TooMany(Exception):
    """This address has sent as many opinions as the limits allow for now."""

    def __init__(self, limit: throttle.Limit):
        super().__init__(limit)
        self.limit = limit


def send(intake: petition_intake.Intake, *, client: str, is_bot: bool) -> Receipt:
    """Receive an opinion sent online, once per submission key.

    A retry of a submission already received gets its receipt again (and is not counted).
    Past the per-address limits: TooMany, nothing stored. A bot caught by the honeypot gets a
    receipt that looks like any other, for a petition that does not exist.
    """
    existing = Petition.objects.filter(submission_key=intake.submission_key).first()
    if existing is not None:
        return Receipt.of(existing)
    limits = throttle.submit_limits()
    limit = throttle.exceeded(Attempt.Bucket.SUBMIT, client, limits)
    if limit is not None:
        raise TooMany(limit)
    if is_bot:
        count_hit(bucket=Attempt.Bucket.SUBMIT, client=client, limits=limits)
        return _decoy(intake)
    with transaction.atomic():
        count_hit(bucket=Attempt.Bucket.SUBMIT, client=client, limits=limits)
        petition = petition_intake.receive(intake, actor=None, actor_label=ACTOR_LABEL)
    return Receipt.of(petition)


class UnknownCode(Exception):
    """No petition has this code (counted against the guessing limit)."""

    def __init__(self, code: str | None):
        super().__init__(code)
        self.code = code


def by_code(*, code: str, client: str) -> Petition:
    """The petition a tracking page's form names by its code. A malformed, mistyped or guessed
    code is counted as the tracking page counts it (`TRACK_MISS`): UnknownCode; past the
    guessing limit, TooMany before anything is looked up."""
    limits = throttle.track_limits()
    limit = throttle.exceeded(Attempt.Bucket.TRACK_MISS, client, limits)
    if limit is not None:
        raise TooMany(limit)
    normal = tracking.normalise(code or "")
    petition = Petition.objects.filter(tracking_code=normal).first() if normal else None
    if petition is None:
        count_hit(bucket=Attempt.Bucket.TRACK_MISS, client=client, limits=limits)
        raise UnknownCode(normal)
    return petition


def ask_again(*, code: str, client: str, reason: str) -> ReopenRequest:
    """"Chưa được giải quyết" sent from the tracking page of `code`."""
    return answer_back.ask_again(petition=by_code(code=code, client=client), reason=reason)


def rate_answer(*, code: str, client: str, satisfied: bool) -> AnswerRating:
    """The one-tap rating sent from the tracking page of `code`."""
    return answer_back.rate_answer(petition=by_code(code=code, client=client),
                                   satisfied=satisfied)


def count_hit(*, bucket: str, client: str, limits: list[throttle.Limit]) -> None:
    """Count one hit of an address (`throttle.client_key`) in a bucket, and forget the hits
    that no window of these limits looks at any more. Not audited: the hits are the limiter's
    own bookkeeping, not a change anyone made."""
    now = timezone.now()
    longest = max(limit.window for limit in limits)
    Attempt.objects.filter(bucket=bucket, at__lt=now - longest).delete()
    Attempt.objects.create(bucket=bucket, client=client, at=now)


def _decoy(intake: petition_intake.Intake) -> Receipt:
    today = timezone.localdate()
    due = get_calendar().add_workdays(today, settings.PETITION_ANSWER_WORKDAYS)
    return Receipt(intake.agency.pk, tracking.new_code(), today, due, intake.village_id,
                   intake.field.pk if intake.field else None)
