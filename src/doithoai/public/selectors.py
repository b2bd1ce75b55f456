"""Reads for the citizens' pages: the communes and the conference an opinion is sent to, the
receipt's names, and what the public tracking page may show about a petition, and nothing more.

Personal data is masked here, once, so that no template can leak it: the first petitioner's
name as initials (or not at all when they asked), the phone as 09xx xxx 678, no address or
e-mail, other petitioners only as a count. A denunciation (or any petition hidden from the
public) shows neither its text nor anyone who sent it. The timeline is built from the audit
log: dates and plain words only, never the recorded before/after values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.selectors import history_for
from doithoai.core import dates, procedure_guidance
from doithoai.core.kind_hints import DENUNCIATION, suggested_kind
from doithoai.core.petition_flow import COMPLAINT, OPEN_STATES, STATE_LABELS, State
from doithoai.core.phone import mask_phone
from doithoai.dialogues.models import Conference
from doithoai.org.models import Agency, Unit, Village
from doithoai.petitions.models import Answer, Kind, Petition
from doithoai.petitions.models import Field as PetitionField
from doithoai.petitions.selectors.answer_back import AnswerBack, answer_back, hidden_from_public
from doithoai.petitions.selectors.petitions import current_answer
from doithoai.petitions.selectors.public_text import names_for, public
from doithoai.public.privacy import mask_name


@dataclass
class Step:
    on: dt.date
    label: str
    note: str = ""
    answered: bool = False  # an answer was given or published (withdrawn if transferred)


@dataclass
class PublicPetition:
    petition: Petition
    state_label: str
    hidden: bool
    is_denunciation: bool
    text: str = ""
    sender: str = ""
    sender_phone: str = ""
    others: int = 0
    overdue: bool = False
    answer: Answer | None = None
    answer_text: str = ""  # the answer's public copy
    note: str = ""
    timeline: list[Step] = field(default_factory=list)
    guidance: str = ""  # the law's guidance for a denunciation (nothing of the denouncer)
    # What the citizen may still say of the answer (ask again, rate), and said already.
    reply: AnswerBack | None = None
    # A complaint's own procedure, told where an opinion would offer "ask again".
    complaint_guidance: str = ""

    @property
    def waiting(self) -> bool:
        """Someone still owes the citizen an answer on the dialogue track."""
        return (self.petition.state in OPEN_STATES and self.reply is not None
                and not self.reply.on_procedure)


# --- sending an opinion --------------------------------------------------------------------

def active_communes() -> QuerySet[Agency]:
    return Agency.objects.filter(level=Agency.Level.COMMUNE, is_active=True).order_by("name")


def commune(code: str) -> Agency | None:
    """The commune a citizen writes to, by the code in the address (`?xa=`)."""
    return active_communes().filter(code=code).first()


def only_commune() -> Agency | None:
    """The commune, when there is just one (no need to choose)."""
    only = active_communes()[:2]
    return only[0] if len(only) == 1 else None


def several_communes() -> bool:
    return active_communes()[:2].count() > 1


def conference_to_join(agency: Agency, pk: int) -> Conference | None:
    """The commune's conference `pk` while it is still being prepared (its day not passed),
    which an opinion sent from its announcement joins; else None."""
    return (Conference.objects.filter(pk=pk, agency=agency, state=Conference.State.PLANNED)
            .filter(Q(held_on__isnull=True) | Q(held_on__gte=timezone.localdate())).first())


def receipt_agency(pk) -> Agency | None:
    return Agency.objects.filter(pk=pk).first()


def receipt_village(pk) -> Village | None:
    return Village.objects.filter(pk=pk).first()


def receipt_field(pk) -> PetitionField | None:
    return PetitionField.objects.filter(pk=pk).first()


@dataclass(frozen=True)
class ReceiptText:
    text: str  # as the tracking page shows it (names as initials), "" when withheld
    withheld: bool  # hidden from the public: not printed either
    denunciation: bool


def receipt_text(code: str) -> ReceiptText | None:
    """The text as sent, for the receipt: its link reaches whoever holds it, so it follows the
    tracking page's rules (nothing of a denunciation or a hidden petition). None when no
    petition has the code."""
    petition = find(code)
    if petition is None:
        return None
    if hidden_from_public(petition):
        return ReceiptText("", True, petition.kind == Kind.DENUNCIATION
                           or suggested_kind(petition.text) == DENUNCIATION)
    names, unnamed = names_for(petition)
    return ReceiptText(public(petition.text, names, unnamed), False, False)


# --- tracking --------------------------------------------------------------------------------

def find(code: str) -> Petition | None:
    return (Petition.objects.select_related("agency", "village", "field", "unit")
            .filter(tracking_code=code).first())


def public_view(petition: Petition, today: dt.date | None = None) -> PublicPetition:
    today = today or timezone.localdate()
    # A denunciation by its kind, or by its words before anyone classified it.
    denunciation = (petition.kind == Kind.DENUNCIATION
                    or suggested_kind(petition.text) == DENUNCIATION)
    hidden = hidden_from_public(petition)
    view = PublicPetition(
        petition=petition, state_label=_(STATE_LABELS[State(petition.state)]), hidden=hidden,
        is_denunciation=denunciation,
        overdue=(petition.state in OPEN_STATES and petition.due_date is not None
                 and petition.due_date < today),
        reply=answer_back(petition),
    )
    names, unnamed = names_for(petition)

    def copy(text: str) -> str:
        return public(text, names, unnamed)

    view.timeline = [Step(step.on, step.label, copy(step.note)) if step.note else step
                     for step in _timeline(petition)]
    if hidden:
        if denunciation:
            view.guidance = procedure_guidance.guidance_for(Kind.DENUNCIATION).text()
        return view
    view.text = copy(petition.text)
    # The agency's note to the public, unless the timeline already says it.
    note = copy(petition.public_note) if petition.public_note else ""
    if (note and petition.state != State.ESCALATED
            and all(step.note != note for step in view.timeline)):
        view.note = note
    if not petition.is_sensitive:
        _senders(view, petition)
    if petition.kind == COMPLAINT and petition.state != State.TRANSFERRED:
        # once transferred, its public note carries this guidance already
        view.complaint_guidance = procedure_guidance.guidance_for(COMPLAINT).text()
    answer = current_answer(petition)
    if answer is not None and answer.published_at is not None:
        view.answer, view.answer_text = answer, copy(answer.text)
    return view


def _senders(view: PublicPetition, petition: Petition) -> None:
    people = list(petition.petitioners.order_by("pk"))
    if not people:
        return
    first, view.others = people[0], len(people) - 1
    if first.anonymous_to_public:
        view.sender = _("Người gửi đề nghị không công khai tên")
        return
    if not first.name_public:  # consent is asked, never assumed
        view.sender = _("Tên người gửi không được công khai")
        return
    view.sender = mask_name(first.full_name) or _("Người gửi không ghi tên")
    view.sender_phone = mask_phone(first.phone)


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _timeline(petition: Petition) -> list[Step]:
    events = list(history_for(petition).filter(action__startswith="petition.")
                  .only("seq", "at", "action", "after", "reason").order_by("seq"))
    unit_ids = {e.after.get("unit") for e in events
                if e.action == "petition.assign" and isinstance(e.after, dict)}
    units = dict(Unit.objects.filter(pk__in=unit_ids - {None}).values_list("pk", "name"))
    escalations = iter(petition.escalations.order_by("pk").values_list("receiving_agency",
                                                                       flat=True))
    steps = []
    for event in events:
        after = event.after if isinstance(event.after, dict) else {}
        on = _local_day(event.at)
        match event.action.removeprefix("petition."):
            case "receive":
                steps.append(Step(petition.received_on, _("Đã tiếp nhận")))
            case "classify":
                steps.append(Step(on, _("Đã phân loại")))
            case "assign":
                unit = units.get(after.get("unit"))
                steps.append(Step(on, _("Đã giao cho %(unit)s") % {"unit": unit} if unit
                                  else _("Đã giao đơn vị giải quyết")))
            case "return":
                steps.append(Step(on, _("Chuyển lại Văn phòng để giao đơn vị phù hợp")))
            case "extend":
                due = after.get("due_date")
                label = (_("Gia hạn trả lời đến ngày %(date)s")
                         % {"date": dates.day(dt.date.fromisoformat(due))}
                         if due else _("Gia hạn trả lời"))
                # why the citizen waits longer: the unit's reason, in its public copy
                steps.append(Step(on, label, note=event.reason))
            case "answer_at_conference":
                steps.append(Step(on, _("Đã trả lời tại hội nghị"), answered=True))
            case "publish":
                steps.append(Step(on, _("Đã công khai trả lời"), answered=True))
            case "escalate":
                agency = next(escalations, "")
                steps.append(Step(on, _("Đã chuyển %(agency)s giải quyết") % {"agency": agency}
                                  if agency else _("Đã chuyển cơ quan cấp trên giải quyết")))
            case "not_accept":
                steps.append(Step(on, _("Không tiếp nhận"), note=after.get("public_note", "")))
            case "transfer":
                answered = any(step.answered for step in steps)
                steps.append(Step(on, _("Rút lại câu trả lời đã công khai; chuyển giải quyết "
                                        "theo thủ tục khiếu nại, tố cáo") if answered
                                  else _("Chuyển giải quyết theo thủ tục khiếu nại, tố cáo")))
            case "close":
                steps.append(Step(on, _("Đã kết thúc")))
            case "reopen":
                steps.append(Step(on, _("Mở lại để giải quyết tiếp")))
            case "reopen_requested":
                # the citizen's words stay with the office: they may name people
                steps.append(Step(on, _("Người gửi đề nghị giải quyết lại; Văn phòng xem xét "
                                        "để giao giải quyết tiếp")))
    return steps
