"""The demo's conference in progress: xã Điềm He's thematic conference on land and
construction, held on the day the demo is loaded, its session open in the hall — so that the
secretary's console, the chair's view and the hall's screen can be opened at once.

The programme is at the dialogue; nine people asked for the floor (paper forms typed by the
secretary, phones through the hall's QR code, two opinions sent before the conference); three
have spoken — one answered on the spot, one given to the Phòng Kinh tế, one complaint sent to
its procedure with the law's guidance — the fourth has the floor, the others wait, one of them
moved ahead by the chair. Among the next three: that one, who asked on her paper form not to
be named, and a citizen who registered by phone to denounce an officer (confidential by his
words, without asking): the hall screen shows both as "Người phát biểu số N", the console and
the chair's tablet mark them. Everything goes through the real services with the demo accounts
as actors; only the times are set back afterwards (the services stamp "now"), so that the story
reads as a session in the hall and the screen's timers show minutes, not the time the demo took to
load.

Loading twice adds nothing: the conference is found by its plan and title. The texts were
written for 2026: the years they name move with the demo's timeline (`demo.timeline`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from doithoai.audit.services import record, snapshot
from doithoai.core import dates
from doithoai.core.milestones import Settings
from doithoai.demo import participants
from doithoai.demo.timeline import Timeline
from doithoai.dialogues.actions import milestones
from doithoai.dialogues.actions.milestones import AFTER_THE_SESSION
from doithoai.dialogues.models import AgendaItem, Conference, Plan, VillageReturn
from doithoai.dialogues.selectors import conferences
from doithoai.live.actions import registrations, sessions, speeches
from doithoai.live.models import Registration, Session
from doithoai.org.models import Person, User, Village
from doithoai.petitions.actions import assignments, intake
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.models import Channel, Field, Kind, Urgency

TITLE_STEM = "Hội nghị đối thoại chuyên đề về đất đai, xây dựng năm"
VENUE = "Hội trường UBND xã Điềm He"
TOPICS = ("Cấp giấy chứng nhận quyền sử dụng đất; bồi thường, hỗ trợ giải phóng mặt bằng các "
          "công trình giao thông; trật tự xây dựng và hành lang an toàn đường bộ; xây dựng "
          "nhà văn hóa, khu dân cư các thôn.")
# The programme: (title, presenter — "chair", "economy" or text —, minutes). The dialogue
# is the third item.
AGENDA = [
    ("Tuyên bố lý do, giới thiệu đại biểu; phát biểu khai mạc", "chair", 10),
    ("Báo cáo tình hình quản lý đất đai, trật tự xây dựng năm 2026 và tổng hợp ý kiến, kiến "
     "nghị của Nhân dân gửi trước hội nghị", "economy", 20),
    ("Tiến hành đối thoại với Nhân dân", "chair", 90),
    ("Chủ trì kết luận các vấn đề đối thoại, bế mạc hội nghị", "chair", 15),
]
DIALOGUE_ITEM = 2  # index of "Tiến hành đối thoại với Nhân dân"


@dataclass(frozen=True)
class Prior:
    """An opinion sent before the conference."""

    key: str
    name: str
    village: str
    field: str
    channel: str
    days_before: int
    text: str


PRIOR = [
    Prior("phong-hop-mau-1", "Lương Thị Nhặt", "Thôn Nà Pàn", "dat-dai", Channel.OFFICE, 6,
          "Đề nghị UBND xã sớm chi trả tiền bồi thường, hỗ trợ giải phóng mặt bằng cho các hộ "
          "có đất bị thu hồi làm đường liên thôn Nà Pàn - Bản Chu. Gia đình tôi đã bàn giao "
          "mặt bằng từ tháng 3 năm 2026 nhưng đến nay chưa nhận được tiền."),
    Prior("phong-hop-mau-2", "Lăng Văn Tòng", "Thôn Bản Chặng", "dat-dai", Channel.ONLINE, 4,
          "Đề nghị xã hướng dẫn thủ tục chuyển mục đích sử dụng đất vườn sang đất ở để con "
          "trai tôi làm nhà; hồ sơ nộp từ tháng 8 đến nay chưa có kết quả."),
    Prior("phong-hop-mau-3", "Vy Thị Hoa", "Thôn Khun Khoang", "xay-dung",
          Channel.SURVEY_FORM, 5,
          "Đề nghị cắm mốc chỉ giới quy hoạch khu dân cư mới của Thôn Khun Khoang để người "
          "dân biết, tránh xây dựng sai quy hoạch."),
]


@dataclass(frozen=True)
class Speaker:
    """Someone asking for the floor, in registration order. `prior`: index in PRIOR."""

    source: str
    name: str
    village: str
    topic: str
    prior: int | None = None
    confidential: bool = False  # asked not to be named before the hall


SPEAKERS = [
    Speaker(Registration.Source.PAPER, "Nông Văn Pắn", "Thôn Bản Chu",
            "Cấp giấy chứng nhận quyền sử dụng đất đối với đất thừa kế"),
    Speaker(Registration.Source.PRIOR, "", "Thôn Nà Pàn",
            "Chi trả tiền bồi thường giải phóng mặt bằng đường liên thôn Nà Pàn - Bản Chu",
            prior=0),
    Speaker(Registration.Source.QR, "Chu Văn Sình", "Thôn Bản Giàng",
            "Khiếu nại quyết định xử phạt về xây dựng nhà kho trên đất nông nghiệp"),
    Speaker(Registration.Source.PAPER, "Vi Văn Khoa", "Thôn Khòn Pát",
            "Lấn chiếm hành lang an toàn đường tỉnh đoạn qua Thôn Khòn Pát"),
    # A denunciation by its words: confidential from the moment it is registered.
    Speaker(Registration.Source.QR, "Hoàng Văn Slao", "Thôn Kéo Coong",
            "Tố cáo cán bộ địa chính xã thu tiền của dân khi làm hồ sơ cấp giấy chứng nhận"),
    Speaker(Registration.Source.PRIOR, "", "Thôn Bản Chặng",
            "Thủ tục chuyển mục đích sử dụng đất vườn sang đất ở", prior=1),
    Speaker(Registration.Source.QR, "Mã Văn Cường", "Thôn Nà Lầu",
            "Chỉnh lý giấy chứng nhận cho các hộ hiến đất mở rộng đường ngõ xóm"),
    Speaker(Registration.Source.PAPER, "Lộc Thị Tám", "Thôn Pác Lùng",
            "Diện tích trên giấy chứng nhận quyền sử dụng đất sai so với thực tế",
            confidential=True),
    Speaker(Registration.Source.PAPER, "Hà Văn Pẻn", "Thôn Lùng Vài",
            "Sạt lở taluy sau nhà ở do thi công đường, đề nghị hỗ trợ xây kè"),
]
MOVED_AHEAD, MOVE_REASON = 7, "Người cao tuổi, sức khỏe yếu"  # Lộc Thị Tám

# What the first three said, and what became of it.
SPEECH_ANSWERED = (
    "Gia đình tôi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất đối với thửa đất bố mẹ để "
    "lại ở Thôn Bản Chu từ tháng 5 năm 2026 nhưng đến nay chưa được cấp. Đề nghị xã cho biết "
    "hồ sơ đang vướng ở khâu nào.")
ANSWER = (
    "Hồ sơ của gia đình ông đã được UBND xã xác nhận nguồn gốc, thời điểm sử dụng đất và "
    "chuyển Chi nhánh Văn phòng đăng ký đất đai; hồ sơ còn thiếu văn bản thỏa thuận phân chia "
    "di sản thừa kế của các đồng thừa kế. Đề nghị gia đình bổ sung tại Bộ phận tiếp nhận và "
    "trả kết quả của xã; sau khi đủ hồ sơ, giấy chứng nhận được cấp trong thời hạn theo quy "
    "định.")
CONCLUSION_ANSWERED = (
    "Giao Phòng Kinh tế hướng dẫn gia đình ông Nông Văn Pắn bổ sung văn bản thỏa thuận phân "
    "chia di sản, theo dõi đến khi được cấp giấy chứng nhận quyền sử dụng đất.")
CONCLUSION_ASSIGNED = (
    "Giao Phòng Kinh tế rà soát hồ sơ bồi thường, hỗ trợ của các hộ có đất thu hồi làm đường "
    "liên thôn Nà Pàn - Bản Chu, báo cáo UBND xã phương án chi trả và trả lời bà Lương Thị "
    "Nhặt bằng văn bản trong thời hạn quy định.")
SPEECH_COMPLAINT = (
    "Ông Chu Văn Sình khiếu nại quyết định xử phạt vi phạm hành chính của Chủ tịch UBND xã về "
    "việc xây dựng nhà kho trên đất trồng cây hằng năm, cho rằng công trình đã có từ trước khi "
    "điều chỉnh quy hoạch sử dụng đất.")
COMPLAINT_REASON = ("Nội dung là khiếu nại quyết định hành chính; hướng dẫn ông Sình gửi đơn "
                    "để giải quyết theo Luật Khiếu nại.")
# What the chair said about it: guidance, recorded as such (never an answer).
COMPLAINT_REMARK = ("Ông gửi đơn khiếu nại kèm quyết định xử phạt đến Bộ phận tiếp nhận và "
                    "trả kết quả của xã trong thời hạn 90 ngày kể từ ngày nhận quyết định.")

# The story's times. The session opened before the 08:00 start (or, when the demo is loaded
# earlier than that, an hour ago); the registrations came in during the first items, minutes
# after the opening. The dialogue and the speakers are counted back from now, so that the
# screen shows the fourth speaker at the floor for two minutes and the dialogue under way for
# less than half an hour whatever the hour.
OPENED_AT, OPENED_AGO = dt.time(7, 55), 58
REGISTERED_AFTER_OPENING = [2, 4, 6, 8, 11, 13, 16, 18, 20]
DIALOGUE_SINCE = 27
CALLED = [(25, 18), (18, 10), (10, 2)]  # the first three: called, finished (minutes ago)
SPEAKING_SINCE = 2


def title(year: int) -> str:
    return f"{TITLE_STEM} {year}"


def load(plan: Plan, clerk: User, leader: User, timeline: Timeline) -> str | None:
    """Build the conference in progress today under `plan` (this year's, once). Returns the
    outcome line, None when it was there already. Call it inside the demo's transaction,
    under notify.muted()."""
    today = timeline.today
    if plan.conferences.filter(title=title(today.year)).exists():
        return None
    conference = _conference(plan, clerk, timeline)
    participants.demo_participants(conference, clerk, held=True)
    _prepared(conference, clerk, today)
    opinions = _opinions_sent_before(conference, clerk, timeline)
    session = sessions.open_session(actor=clerk, conference=conference)
    for _step in range(DIALOGUE_ITEM + 1):
        session = sessions.move_item(actor=clerk, session=session, step=1)
    rows = _register(session, clerk, opinions)
    _speak(session, clerk, leader, rows, timeline)
    registrations.move(actor=leader, registration=rows[MOVED_AHEAD], after=None,
                       reason=MOVE_REASON)
    _set_back_times(session, rows)
    return f"hội nghị chuyên đề về đất đai, xây dựng ngày {dates.day(today)} đang diễn ra"


def _person(agency, position_start: str) -> Person | None:
    return Person.objects.filter(agency=agency, position__startswith=position_start).first()


def _title(person: Person | None) -> str:
    """"Bà Lý Thị Dương, Chủ tịch UBND xã" (the demo's names say who is a woman)."""
    if person is None:
        return ""
    form = "Bà" if " Thị " in f" {person.full_name} " else "Ông"
    return f"{form} {person.full_name}, {person.position}".rstrip(", ")


def _conference(plan: Plan, clerk: User, timeline: Timeline) -> Conference:
    """Made directly, as the scheduling service refuses a day this close; then what
    scheduling gives a conference: its programme, a return per village, its milestones."""
    agency = plan.agency
    chair = _person(agency, "Chủ tịch UBND")
    secretary = clerk.person if clerk.person_id else _person(agency, "Chuyên viên Văn phòng")
    conference = Conference.objects.create(
        agency=agency, plan=plan, title=title(timeline.today.year), held_on=timeline.today,
        starts_at=dt.time(8, 0),
        venue=VENUE, hall_capacity=300, chair=chair,
        co_chair=_person(agency, "Phó Chủ tịch HĐND"), secretary=secretary, topics=TOPICS,
        speaker_minutes=5, answer_workdays=plan.answer_workdays or Settings.answer_workdays,
        complex_answer_workdays=plan.complex_answer_workdays
        or Settings.complex_answer_workdays)
    presenters = {"chair": _title(chair),
                  "economy": _title(_person(agency, "Trưởng phòng Kinh tế"))}
    AgendaItem.objects.bulk_create([
        AgendaItem(conference=conference, order=i, title=timeline.text(item),
                   presenter=presenters.get(presenter, presenter), minutes=minutes)
        for i, (item, presenter, minutes) in enumerate(AGENDA)])
    VillageReturn.objects.bulk_create([
        VillageReturn(conference=conference, village=v)
        for v in conferences.covered_villages(conference)])
    milestones.sync_milestones(conference)
    record(actor=clerk, action="conference.create", obj=conference, after=snapshot(conference))
    return conference


def _prepared(conference: Conference, clerk: User, today: dt.date) -> None:
    """Everything due before the conference was done on time; the villages sent their
    opinions through the Front."""
    at = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=5), dt.time(9)))
    VillageReturn.objects.filter(conference=conference, opinions_sent_at=None).update(
        opinions_sent_at=at, opinions_late=False,
        opinions_sent_by=User.objects.filter(username="mattran").first())
    published = conference.plan.published_on or today
    for m in (conference.milestones.filter(done_on=None).exclude(kind__in=AFTER_THE_SESSION)
              .order_by("due_on", "order")):
        if m.due_on is not None and m.due_on >= today:
            continue  # due today (the broadcast's report of the day): not yet
        proof = ("Đăng tại mục Thông báo của trang thông tin điện tử xã"
                 if m.due_on is None else "Đã thực hiện theo kế hoạch")
        milestones.mark_done(actor=clerk, milestone=m, proof=proof,
                             done_on=min(m.due_on or published, today))


def _opinions_sent_before(conference: Conference, clerk: User, timeline: Timeline) -> list:
    agency = conference.agency
    ensure_default_fields(agency)
    fields = {f.code: f for f in Field.objects.filter(agency=agency)}
    villages = {v.name: v for v in Village.objects.filter(agency=agency)}
    result = []
    for prior in PRIOR:
        village = villages[prior.village]
        p = intake.receive(intake.Intake(
            agency=agency, text=timeline.text(prior.text), channel=prior.channel,
            received_on=timeline.today - dt.timedelta(days=prior.days_before),
            kind=Kind.OPINION,
            field=fields[prior.field], village_id=village.pk, conference=conference,
            petitioners=[intake.PetitionerData(full_name=prior.name, village_id=village.pk)],
            submission_key=prior.key), actor=clerk)
        p = assignments.classify(actor=clerk, petition=p, kind=Kind.OPINION,
                                 field=fields[prior.field], urgency=Urgency.NORMAL)
        result.append(p)
    return result


def _register(session: Session, clerk: User, opinions: list) -> list[Registration]:
    villages = {v.name: v for v in Village.objects.filter(agency=session.conference.agency)}
    rows = []
    for number, speaker in enumerate(SPEAKERS, start=1):
        qr = speaker.source == Registration.Source.QR
        rows.append(registrations.register(
            actor=None if qr else clerk, session=session, source=speaker.source,
            full_name=speaker.name, village=villages[speaker.village], topic=speaker.topic,
            petition=opinions[speaker.prior] if speaker.prior is not None else None,
            client_key=f"phong-hop-mau-qr-{number}" if qr else "",
            confidential=speaker.confidential))
    return rows


def _speak(session: Session, clerk: User, leader: User, rows: list[Registration],
           timeline: Timeline) -> None:
    """The first three heard, the fourth at the floor."""
    agency = session.conference.agency
    kinh_te = agency.units.get(code="kinh-te")
    fields = {f.code: f for f in Field.objects.filter(agency=agency)}
    answered, assigned, complaint = rows[:3]

    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=answered,
                           text=timeline.text(SPEECH_ANSWERED),
                           field=fields["dat-dai"])
    speeches.answer_on_the_spot(actor=clerk, registration=answered, text=ANSWER,
                                answered_by=_title(session.conference.chair)
                                or "Chủ tịch UBND xã")
    speeches.conclude(actor=leader, registration=answered, text=CONCLUSION_ANSWERED)

    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=assigned, text="")
    speeches.assign_for_answer(actor=clerk, registration=assigned, unit=kinh_te)
    speeches.conclude(actor=leader, registration=assigned, text=CONCLUSION_ASSIGNED)

    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=complaint, text=SPEECH_COMPLAINT,
                           kind=Kind.COMPLAINT, field=fields["xay-dung"])
    speeches.to_procedure(actor=leader, registration=complaint, kind=Kind.COMPLAINT,
                          reason=COMPLAINT_REASON, remark=COMPLAINT_REMARK)

    registrations.call_next(actor=clerk, session=session)  # the fourth has the floor


def _set_back_times(session: Session, rows: list[Registration]) -> None:
    """The times of the story (see OPENED_AT), never before midnight: the demo may be loaded
    at any hour."""
    now = timezone.now()
    today = timezone.localdate()
    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time()))

    def ago(minutes: int) -> dt.datetime:
        return max(now - dt.timedelta(minutes=minutes), midnight)

    opened = max(min(timezone.make_aware(dt.datetime.combine(today, OPENED_AT)),
                     now - dt.timedelta(minutes=OPENED_AGO)), midnight)
    Session.objects.filter(pk=session.pk).update(opened_at=opened,
                                                 item_started_at=ago(DIALOGUE_SINCE))
    for row, minutes in zip(rows, REGISTERED_AFTER_OPENING, strict=True):
        Registration.objects.filter(pk=row.pk).update(
            created_at=min(opened + dt.timedelta(minutes=minutes), ago(DIALOGUE_SINCE)))
    for row, (called, finished) in zip(rows, CALLED, strict=False):
        Registration.objects.filter(pk=row.pk).update(called_at=ago(called),
                                                      finished_at=ago(finished))
    Registration.objects.filter(pk=rows[len(CALLED)].pk).update(called_at=ago(SPEAKING_SINCE))
