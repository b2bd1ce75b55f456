"""Bringing a petition in: from here on it has a tracking code and is never lost. One petition
(a public form, a paper form typed into a batch), many at once (an imported file), and the
batches paper is typed into.

Who may bring what in: `rules.INTAKE` (an agency), `rules.ENTER_INTO_BATCH` (a batch); the
actor None is the system (a command run by the operator).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, record_many, snapshot
from doithoai.core.kind_hints import suggested_kind
from doithoai.core.text import fold
from doithoai.core.tracking import new_code
from doithoai.org import access
from doithoai.org.models import Agency, Village
from doithoai.petitions import notify, occasions, rules
from doithoai.petitions.actions.deadlines import set_due_date
from doithoai.petitions.cleaning import clean_text, normalise_phone, phone_error, validate_text
from doithoai.petitions.models import (
    Channel,
    Field,
    IntakeBatch,
    Kind,
    Petition,
    Petitioner,
    Urgency,
)
from doithoai.petitions.selectors.intake import (
    conference_of_batch,
    only_own_village,
    villages_for,
)
from doithoai.workdays.calendar import get_calendar

BATCH_CHANNELS = (Channel.SURVEY_FORM, Channel.FRONT_SUMMARY, Channel.OFFICE, Channel.HOTLINE,
                  Channel.INSPECTORATE)
MAX_NAME = Petitioner._meta.get_field("full_name").max_length
MAX_BATCH_NAME = IntakeBatch._meta.get_field("name").max_length
MAX_BROUGHT_BY = IntakeBatch._meta.get_field("brought_by").max_length
TOKEN = re.compile(r"[0-9a-f]{32}")


def require(actor, rule, obj) -> None:
    """`access.require`, except for the system (None: a command run by the operator)."""
    if actor is not None:
        access.require(actor, rule, obj)


@dataclass
class PetitionerData:
    full_name: str = ""
    village_id: int | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    anonymous_to_public: bool = False
    name_public: bool = False  # the citizen agreed (docs/law.md#privacy-of-petitioners)


@dataclass
class Intake:
    agency: Agency
    text: str
    channel: str
    received_on: dt.date
    petitioners: list[PetitionerData] = field(default_factory=list)
    # None: what the words say (a complaint or denunciation typed as such is never taken in
    # as an opinion to answer; the clerk may reclassify), an opinion otherwise.
    kind: str | None = None
    field: Field | None = None
    urgency: str = "normal"
    village_id: int | None = None
    # The conference it is raised at or collected for (opaque here: see `occasions`).
    conference: object | None = None
    batch_id: int | None = None
    source_row: int | None = None
    submission_key: str | None = None


def receive(intake: Intake, *, actor=None, actor_label: str | None = None) -> Petition:
    """Acknowledge a petition: from here on it has a tracking code and is never lost.

    A retried submission (same submission_key) returns the petition already received.
    """
    if intake.submission_key:
        existing = Petition.objects.filter(submission_key=intake.submission_key).first()
        if existing is not None:
            return existing
    text = validate_text(intake.text)
    for attempt in range(5):  # a clash of random codes is astronomically rare; retry anyway
        try:
            with transaction.atomic():
                return _create(intake, text, actor, actor_label)
        except IntegrityError:
            if intake.submission_key and Petition.objects.filter(
                    submission_key=intake.submission_key).exists():
                return Petition.objects.get(submission_key=intake.submission_key)
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def _new_petition(intake: Intake, text: str, actor, calendar=None) -> Petition:
    """The petition an intake makes, with its code and due date; not yet checked or saved."""
    kind = intake.kind or suggested_kind(text) or Kind.OPINION
    petition = Petition(
        agency=intake.agency, tracking_code=new_code(), text=text, kind=kind,
        field=intake.field, urgency=intake.urgency, village_id=intake.village_id,
        channel=intake.channel, batch_id=intake.batch_id, source_row=intake.source_row,
        received_on=intake.received_on, submission_key=intake.submission_key,
        received_by=actor if actor is not None and actor.is_authenticated else None,
        hide_from_public=kind == Kind.DENUNCIATION,
    )
    if intake.conference is not None:
        terms = occasions.registered().terms(intake.conference)
        petition.conference_day = terms.day
        petition.answer_workdays = terms.workdays
        petition.complex_answer_workdays = terms.complex_workdays
    set_due_date(petition, calendar)
    return petition


def with_conference(after: dict, conference) -> dict:
    """The receipt's audit record names the conference it joined (its title, as the history
    page shows it; records before named it by number, "conference_id")."""
    return {**after, "conference": str(conference) if conference is not None else None}


def _link(petitions: list[Petition], intakes: list[Intake]) -> None:
    """Join each petition to its conference (the link the conference owns)."""
    by_conference: dict[int, tuple[object, list[Petition]]] = {}
    for petition, intake in zip(petitions, intakes, strict=True):
        if intake.conference is not None:
            by_conference.setdefault(intake.conference.pk, (intake.conference, []))[1].append(
                petition)
    for conference, joined in by_conference.values():
        occasions.registered().link(petitions=joined, occasion=conference)


def _create(intake: Intake, text: str, actor, actor_label) -> Petition:
    petition = _new_petition(intake, text, actor)
    petition.full_clean(exclude=["submission_key"])
    petition.save()
    for data in intake.petitioners:
        Petitioner.objects.create(petition=petition, **data.__dict__)
    _link([petition], [intake])
    record(actor=actor, actor_label=actor_label, action="petition.receive", obj=petition,
           after=with_conference(snapshot(petition), intake.conference), reason="")
    transaction.on_commit(lambda: notify.petitioner_told(petition.pk, "received"))
    return petition


RELATIONS = ("agency", "field", "village", "batch", "received_by", "unit", "issue")


def _check_relations(intakes: list[Intake]) -> None:
    """What full_clean checks row by row about related objects, once for the whole set."""
    agencies = {i.agency.pk for i in intakes}
    if len(agencies) != 1:
        raise ValidationError(_("Chỉ nhận nhiều ý kiến một lần cho cùng một cơ quan."))
    agency_id = agencies.pop()
    if any(i.submission_key for i in intakes):
        raise ValueError("receive_many does not take submission keys")
    if any(i.field is not None and i.field.agency_id != agency_id for i in intakes):
        raise ValidationError({"field": _("Lĩnh vực không thuộc cơ quan này.")})
    for model, ids in ((Village, {i.village_id for i in intakes} - {None}),
                       (IntakeBatch, {i.batch_id for i in intakes} - {None})):
        if model.objects.filter(pk__in=ids, agency_id=agency_id).count() != len(ids):
            raise ValidationError(_("Có thôn, hội nghị hoặc đợt không thuộc cơ quan này."))
    if any(i.conference is not None and i.conference.agency_id != agency_id for i in intakes):
        raise ValidationError(_("Có thôn, hội nghị hoặc đợt không thuộc cơ quan này."))


def _unused_codes(petitions: list[Petition]) -> None:
    """New codes for the (astronomically rare) ones already taken or drawn twice."""
    while True:
        codes = [p.tracking_code for p in petitions]
        taken = set(Petition.objects.filter(tracking_code__in=codes)
                    .values_list("tracking_code", flat=True))
        seen: set[str] = set()
        clash = False
        for p in petitions:
            if p.tracking_code in taken or p.tracking_code in seen:
                p.tracking_code, clash = new_code(), True
            seen.add(p.tracking_code)
        if not clash:
            return


@transaction.atomic
def receive_many(intakes: Iterable[Intake], *, actor=None, actor_label: str | None = None
                 ) -> list[Petition]:
    """Acknowledge many petitions at once (an imported file): for each one what receive()
    does — tracking code, due date, petitioners, an audit event, the acknowledgement sent
    after commit — in one transaction and with bulk inserts: all of them or none."""
    intakes = list(intakes)
    if not intakes:
        return []
    _check_relations(intakes)
    calendar = get_calendar()
    petitions = []
    for intake in intakes:
        petition = _new_petition(intake, validate_text(intake.text), actor, calendar)
        petition.full_clean(exclude=[*RELATIONS, "submission_key"], validate_unique=False,
                            validate_constraints=False)
        petition.normalise_texts()
        petition.search_text = fold(petition.text)
        petitions.append(petition)
    _unused_codes(petitions)
    Petition.objects.bulk_create(petitions, batch_size=500)
    people = []
    for petition, intake in zip(petitions, intakes, strict=True):
        for data in intake.petitioners:
            person = Petitioner(petition=petition, **data.__dict__)
            person.full_clean(exclude=["petition", "village"])
            person.normalise_texts()
            people.append(person)
    Petitioner.objects.bulk_create(people, batch_size=500)
    _link(petitions, intakes)
    record_many(actor=actor, actor_label=actor_label, action="petition.receive",
                objs=petitions, afters=[with_conference(snapshot(p), i.conference)
                                        for p, i in zip(petitions, intakes, strict=True)])
    pks = [p.pk for p in petitions]
    transaction.on_commit(lambda: notify.petitioners_told(pks, "received"))
    return petitions


def check_village(user, agency: Agency, village: Village | None, *,
                  field_name: str = "village") -> None:
    if village is None:
        if only_own_village(user, agency):
            raise ValidationError({field_name: _("Hãy chọn thôn của bạn.")})
        return
    if village.agency_id != agency.pk or not village.is_active:
        raise ValidationError({field_name: _("Thôn không thuộc cơ quan này.")})
    if not villages_for(user, agency).filter(pk=village.pk).exists():
        raise ValidationError({field_name: _("Bạn chỉ nhập được ý kiến của thôn mình.")})


def batch_fields(*, agency: Agency, name: str, channel: str, received_on: dt.date,
                 brought_by: str, channels: Sequence[str]) -> tuple[str, str]:
    errors = {}
    name, brought_by = clean_text(name), clean_text(brought_by)
    if not name:
        errors["name"] = _("Hãy đặt tên cho đợt (ví dụ: Phiếu thôn Nà Pàn tháng 11).")
    elif len(name) > MAX_BATCH_NAME:
        errors["name"] = _("Tên đợt quá dài (tối đa %(n)s ký tự).") % {"n": MAX_BATCH_NAME}
    if len(brought_by) > MAX_BROUGHT_BY:
        errors["brought_by"] = _("Tên người chuyển đến quá dài (tối đa %(n)s ký tự).") % {
            "n": MAX_BROUGHT_BY}
    if channel not in channels:
        errors["channel"] = _("Kênh tiếp nhận không hợp lệ.")
    if received_on is None:
        errors["received_on"] = _("Hãy ghi ngày nhận.")
    elif received_on > timezone.localdate():
        errors["received_on"] = _("Ngày nhận không được sau hôm nay.")
    if errors:
        raise ValidationError(errors)
    return name, brought_by


def check_conference(agency: Agency, conference) -> None:
    """Opinions join a conference of the same agency that has not been concluded yet (the
    conferences' own rule: `occasions`)."""
    if conference is not None:
        occasions.registered().check(agency, conference)


@transaction.atomic
def start_batch(*, actor, agency: Agency, name: str, channel: str, received_on: dt.date,
                village: Village | None = None, brought_by: str = "",
                conference=None) -> IntakeBatch:
    """A stack of paper to type in: what the entry form remembers for every petition."""
    require(actor, rules.INTAKE, agency)
    name, brought_by = batch_fields(agency=agency, name=name, channel=channel,
                                    received_on=received_on, brought_by=brought_by,
                                    channels=BATCH_CHANNELS)
    check_village(actor, agency, village)
    check_conference(agency, conference)
    batch = IntakeBatch.objects.create(agency=agency, name=name, channel=channel,
                                       village=village, received_on=received_on,
                                       brought_by=brought_by, created_by=actor)
    if conference is not None:
        occasions.registered().link_batch(batch=batch, occasion=conference)
    record(actor=actor, action="intake_batch.create", obj=batch,
           after=with_conference(snapshot(batch), conference))
    return batch


def submission_key(batch: IntakeBatch, user, token: str) -> str:
    """The one-time key of an entry form: the same form sent twice lands once. Bound to the
    batch and the user, so a token cannot reach anyone else's petition."""
    if not TOKEN.fullmatch(token or ""):
        raise ValidationError(_("Phiếu nhập đã cũ hoặc không hợp lệ. Hãy tải lại trang rồi "
                                "nhập lại."))
    user_id = user.pk if user is not None else 0
    return hashlib.sha256(f"intake:{batch.pk}:{user_id}:{token}".encode()).hexdigest()


def enter_petition(*, actor, batch: IntakeBatch, token: str, text: str, full_name: str = "",
                   phone: str = "", village: Village | None = None, field: Field | None = None,
                   kind: str = Kind.OPINION, urgency: str = Urgency.NORMAL,
                   name_public: bool = False) -> Petition:
    """One paper survey form typed in: one `receive`, at most once per form."""
    require(actor, rules.ENTER_INTO_BATCH, batch)
    key = submission_key(batch, actor, token)
    agency = batch.agency
    check_village(actor, agency, village)
    errors = {}
    if field is not None and (field.agency_id != agency.pk or not field.is_active):
        errors["field"] = _("Lĩnh vực không thuộc cơ quan này.")
    if kind not in Kind.values:
        errors["kind"] = _("Loại ý kiến không hợp lệ.")
    if urgency not in Urgency.values:
        errors["urgency"] = _("Mức độ không hợp lệ.")
    full_name = clean_text(full_name)
    if len(full_name) > MAX_NAME:
        errors["full_name"] = _("Họ và tên quá dài (tối đa %(n)s ký tự).") % {"n": MAX_NAME}
    phone_number = ""
    if clean_text(phone):
        phone_number = normalise_phone(clean_text(phone)) or ""
        if not phone_number:
            errors["phone"] = phone_error()
    if errors:
        raise ValidationError(errors)
    village_id = village.pk if village else None
    petitioners = []
    if full_name or phone_number:
        petitioners.append(PetitionerData(full_name=full_name, village_id=village_id,
                                          phone=phone_number, name_public=name_public))
    return receive(Intake(
        agency=agency, text=clean_text(text), channel=batch.channel,
        received_on=batch.received_on, petitioners=petitioners, kind=kind, field=field,
        urgency=urgency, village_id=village_id, batch_id=batch.pk, submission_key=key,
        conference=conference_of_batch(batch),
    ), actor=actor)
