"""`roles_for_rows` (in memory, for list pages) answers what `acting_roles` (the database)
answers, for every scoped model of every app and every kind of user.

The rows are a dialogue year of two communes built through the actions (tests/builders.py, a
session in the hall, the neighbour's conference), with, for each model, rows on both sides of
every nullable scope path (a person of no unit, a petition not yet assigned, an
administrator's membership of no agency)."""

import time_machine
from django.apps import apps
from django.db.models import Model

from doithoai.dialogues.actions import conferences, plans
from doithoai.live.actions import registrations, sessions
from doithoai.live.models import Registration
from doithoai.org.access import acting_roles, roles_for_rows
from doithoai.org.models import Agency, Membership, Role, Unit, User, Village
from doithoai.petitions.actions import answer_back, intake
from doithoai.petitions.models import Channel
from tests import builders
from tests.factories import UserFactory, user_with_role

DIEM_HE = "ubnd-xa-diem-he"
OTHER_COMMUNE = "ubnd-xa-van-quan"


def scoped_models() -> list[type[Model]]:
    return [m for m in apps.get_models() if hasattr(m, "scope_paths")]


def test_roles_for_rows_agrees_with_acting_roles_on_every_scoped_model(db, load_organisation,
                                                                     frozen_today):
    load_organisation()
    rows_of_every_scoped_model()
    assert check_every_scoped_model() == {m._meta.label for m in scoped_models()}


def rows_of_every_scoped_model() -> None:
    """Xã Điềm He's year (its plan, the June conference, the one ahead, the letters) and a
    session in the hall; xã Văn Quan's plan with a conference and an opinion sent to it."""
    plan = builders.yearly_plan()
    builders.june_conference(plan)
    upcoming = builders.upcoming_conference(plan)
    letters = builders.letters()
    # what a citizen says back from the tracking page: a rating, a request to settle it again
    answer_back.rate_answer(petition=letters["published"], satisfied=False)
    answer_back.ask_again(petition=letters["published"], reason="Rác vẫn chưa được thu gom.")
    clerk = User.objects.get(username="vanphong")
    speakers_village = Village.objects.get(agency=upcoming.agency, name="Thôn Nà Pàn")
    with time_machine.travel(f"{builders.UPCOMING_HELD_ON} 08:00 +07:00", tick=True):
        session = sessions.open_session(actor=clerk, conference=upcoming)
        registrations.register(actor=clerk, session=session, source=Registration.Source.PAPER,
                               full_name="Hoàng Văn Nói",
                               village=speakers_village,
                               topic="Đường liên thôn")
    for village, conference in ((speakers_village, upcoming), (None, None)):
        intake.start_batch(actor=clerk, agency=upcoming.agency, name="Phiếu lấy ý kiến",
                           channel=Channel.SURVEY_FORM, received_on=builders.TODAY,
                           village=village, conference=conference)
    neighbour = Agency.objects.get(code=OTHER_COMMUNE)
    neighbour_clerk = User.objects.get(username="vanphong.vanquan")
    neighbour_plan = plans.create_plan(actor=neighbour_clerk, agency=neighbour, year=2026)
    conference = conferences.schedule_conference(
        actor=neighbour_clerk, plan=neighbour_plan,
        data={"held_on": builders.UPCOMING_HELD_ON, "hall_capacity": 200}, today=builders.TODAY)
    intake.receive(intake.Intake(agency=neighbour, text="Đề nghị sửa đường vào thôn.",
                                 channel=Channel.OFFICE, received_on=builders.TODAY,
                                 conference=conference), actor=neighbour_clerk)


def users_of_every_role() -> dict[str, User]:
    """Who may ask, around xã Điềm He: every role, every unit and village of it."""
    commune = Agency.objects.get(code=DIEM_HE)
    users = {role: user_with_role(role, agency=commune) for role in (
        Role.CLERK, Role.LEADER, Role.FRONT_OFFICER, Role.SUPERVISOR)}
    for unit in Unit.objects.filter(agency=commune):
        users[f"unit officer of {unit}"] = user_with_role(
            Role.UNIT_OFFICER, agency=commune, unit=unit)
    for village in Village.objects.filter(agency=commune):
        users[f"village head of {village}"] = user_with_role(
            Role.VILLAGE_HEAD, agency=commune, village=village)
    users["overseer of the province"] = user_with_role(Role.OVERSEER, agency=commune.parent)
    users["administrator (role)"] = user_with_role(Role.ADMIN)  # a membership of no agency
    users["administrator (superuser)"] = UserFactory(is_superuser=True)
    users["clerk of another commune"] = user_with_role(
        Role.CLERK, agency=Agency.objects.get(code=OTHER_COMMUNE))
    users["stranger"] = UserFactory()
    both = user_with_role(Role.LEADER, agency=commune)
    Membership.objects.create(user=both, role=Role.VILLAGE_HEAD, agency=commune,
                              village=Village.objects.filter(agency=commune).first())
    users["leader and village head"] = both
    return users


def sample_rows(model: type[Model]) -> list[Model]:
    """A few rows of the model: some of xã Điềm He, some of another, and on both sides
    of each nullable unit or village path."""
    manager = model._default_manager
    paths = model.scope_paths
    picks = [manager.order_by("pk").first(), manager.order_by("-pk").first()]
    agency = paths["agency"] if paths["agency"] != "pk" else "pk"
    for code in (DIEM_HE, OTHER_COMMUNE):
        key = "code" if agency == "pk" else f"{agency}__code"
        picks.append(manager.filter(**{key: code}).order_by("pk").first())
    for kind in ("unit", "village"):
        path = paths.get(kind)
        if path and path != "pk":
            picks.append(manager.filter(**{f"{path}__isnull": True}).order_by("pk").first())
            picks.append(manager.filter(**{f"{path}__isnull": False}).order_by("pk").first())
    seen, rows = set(), []
    for row in picks:
        if row is not None and row.pk not in seen:
            seen.add(row.pk)
            rows.append(row)
    return rows


def rows_the_actions_leave_out() -> None:
    """One row of each model the year above never fills (written as the apps write them, fields
    only: what is compared is where the row sits, not how it got there)."""
    from django.utils import timezone

    from doithoai.dialogues.models import Conference, ConferenceBatch, PlanRequest
    from doithoai.documents.models import AgencyTemplate
    from doithoai.live.models import Minutes, Session
    from doithoai.petitions.models import (
        AnswerTemplate,
        Digest,
        IntakeBatch,
        Petition,
        Reminder,
        Urge,
    )

    today = timezone.localdate()
    for code in (DIEM_HE, OTHER_COMMUNE):
        agency = Agency.objects.get(code=code)
        PlanRequest.objects.create(agency=agency, year=today.year + 1, message="Đề nghị")
        AnswerTemplate.objects.create(agency=agency, title="Mẫu trả lời",
                                      text="Ủy ban nhân dân xã trả lời như sau:")
        AgencyTemplate.objects.create(agency=agency, kind="thong-bao", file="mau.docx",
                                      sha256="0" * 64)
        batch = IntakeBatch.objects.filter(agency=agency, conference_link__isnull=True).first()
        conference = Conference.objects.filter(agency=agency).first()
        if batch is not None and conference is not None:
            ConferenceBatch.objects.create(batch=batch, conference=conference)
        # An urge of a unit and one of the leaders (no unit); a weekly digest.
        for unit in (Unit.objects.filter(agency=agency).first(), None):
            Urge.objects.create(agency=agency, unit=unit, urged_at=timezone.now(),
                                urged_on=today, target="unit" if unit else "leaders")
        Digest.objects.create(agency=agency, week=today)
    for petition in (Petition.objects.filter(unit__isnull=True).first(),
                     Petition.objects.filter(unit__isnull=False, village__isnull=False).first()):
        Reminder.objects.create(petition=petition, kind=Reminder.Kind.MANUAL,
                                due_date=today, sent_on=today)
    for session in Session.objects.filter(minutes__isnull=True):
        Minutes.objects.create(session=session)


def check_every_scoped_model() -> set[str]:
    rows_the_actions_leave_out()
    users = users_of_every_role()
    compared, empty, disagreements = set(), [], []
    for model in scoped_models():
        rows = sample_rows(model)
        if not rows:
            empty.append(model._meta.label)
            continue
        for name, user in users.items():
            fresh = [type(row)._default_manager.get(pk=row.pk) for row in rows]
            in_memory = roles_for_rows(user, fresh)
            in_database = {row.pk: acting_roles(user, row) for row in rows}
            if in_memory != in_database:
                disagreements.append(f"{model._meta.label}, {name}: in memory {in_memory}, "
                                     f"in the database {in_database}")
        compared.add(model._meta.label)
    assert not disagreements, "\n".join(disagreements)
    assert not empty, f"no row of {empty}"
    return compared
