"""Issue 4's "done when": the commune office clerk plays a whole year in a real browser, in
three stages that each start where the one before ends (made through the actions):

Plan → issue → publish → schedule a conference → its milestones → opinions from two villages
(Thôn Nà Pàn's village head sends on time from his own browser; Thôn Bản Chu's opinions are
typed by the clerk and sent late, after the conference was brought forward) → delegates (the
village head enters his citizen representatives) → invitations (sent late, confirmed) → people
checked in at the door by code and by name → outcome → conclusion notice → the petitions
answered (one through the petition pages, from assignment to publication) → the conference
closed → the provincial overseer sees it in the roll-up.

Time only passes where a browser cannot make it pass: between the preparation and the session
(the conference date is moved into the past in the database) and for the answers of the
remaining petitions (given through the petition services, as the units would over weeks).
"""

import pytest
from django.utils import timezone

from doithoai.core.petition_flow import State
from doithoai.demo.data import DEMO_PASSWORD
from doithoai.dialogues.actions import milestones as milestones_actions
from doithoai.dialogues.models import Conference, Invitation, Plan, VillageReturn
from doithoai.org.models import Person, Unit, User, Village
from doithoai.petitions.actions import answers, assignments
from doithoai.petitions.models import Petition
from tests.e2e.conftest import login, settle
from tests.e2e.year_stages import (
    ANSWER,
    BAN_CHU_OPINIONS,
    CITIZENS,
    NA_PAN_OPINION,
    issued_plan,
    prepared_conference,
    stage_dates,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("frozen_today")]  # the dialogue tests' day

PC = {"width": 1280, "height": 800}


def _as(page, username: str) -> None:
    page.context.clear_cookies()
    login(page, username, DEMO_PASSWORD)


def _messages(page) -> str:
    return page.locator(".messages").inner_text()


def _enter_opinions(page, *, batch: str, village: str | None, conference: Conference,
                    opinions: list[str]) -> None:
    """Start an intake batch for the conference and type the paper forms (left unclassified:
    a commune set up without the petition demo has no fields to choose from yet)."""
    page.goto("/y-kien/nhap/")
    page.get_by_label("Tên đợt").fill(batch)
    if village:
        page.get_by_label("Thôn, tổ dân phố").select_option(label=village)
    choice = page.get_by_label("Hội nghị đối thoại")
    choice.select_option(label=f"{conference.title} ({conference.held_on:%d/%m/%Y})")
    page.get_by_role("button", name="Bắt đầu nhập").click()
    page.wait_for_url("**/y-kien/nhap/dot/*/")
    for n, text in enumerate(opinions, start=1):
        page.get_by_label("Nội dung ý kiến").fill(text)
        page.get_by_role("button", name="Lưu phiếu").click()
        page.locator(".entry-status .saved").filter(has_text=f"Đợt này có {n} ý kiến").wait_for()


def test_the_year_begins_with_its_plan_issued_and_published(page, commune, shot):
    """Stage 1: the clerk drafts the plan, sets the register to the paper one's number,
    issues the plan and publishes it."""
    today = timezone.localdate()
    year = stage_dates()[0].year
    page.set_viewport_size(PC)
    main = page.locator("main")

    # 1. The plan: drafted, looked at, issued with its number, published.
    _as(page, "vanphong")
    page.goto("/doi-thoai/")
    main.get_by_role("link", name="Lập kế hoạch").first.click()
    page.get_by_label("Năm:", exact=True).fill(str(year))
    page.get_by_label("Định kỳ (ít nhất mỗi năm một lần)").check()
    page.get_by_role("button", name="Lập dự thảo kế hoạch").click()
    page.wait_for_url("**/doi-thoai/ke-hoach/*/")
    plan = Plan.objects.get(agency=commune, year=year)
    assert f"Đã lập dự thảo kế hoạch năm {year}" in _messages(page)
    assert "Căn cứ Luật Thực hiện dân chủ ở cơ sở" in main.inner_text()
    shot(page, "year-01-plan-draft")
    # The office's paper register had reached 27: the register is set to follow it.
    page.goto("/van-ban/")
    page.get_by_text("Điều chỉnh số tiếp theo của một sổ").click()
    page.get_by_label("Sổ:", exact=True).select_option("KH")
    page.get_by_label("Số tiếp theo:", exact=True).fill("27")
    page.get_by_label("Lý do điều chỉnh:", exact=True).fill("Khớp sổ văn bản đi")
    page.get_by_role("button", name="Lưu số tiếp theo").click()
    page.wait_for_url("**/van-ban/**")
    assert "văn bản tiếp theo sẽ nhận số 27" in _messages(page)
    page.goto(f"/doi-thoai/ke-hoach/{plan.pk}/")
    page.locator("#id_ke-hoach_ngay").fill(today.isoformat())
    card = page.get_by_role("article", name="Kế hoạch tổ chức hội nghị đối thoại", exact=True)
    card.get_by_label("Văn bản đã được người có thẩm quyền ký", exact=False).check()
    card.get_by_role("button", name="Ban hành (cấp số và lưu bản chính thức)").click()
    page.wait_for_url(f"**/doi-thoai/ke-hoach/{plan.pk}/")
    assert "số 27/KH-UBND" in _messages(page)
    page.get_by_role("button", name="Công khai kế hoạch").click()
    page.wait_for_url(f"**/doi-thoai/ke-hoach/{plan.pk}/")
    assert "Đã công khai kế hoạch." in _messages(page)
    plan.refresh_from_db()
    assert (plan.state, plan.number, plan.issued_on) == (Plan.State.PUBLISHED, "27/KH-UBND",
                                                          today)
    shot(page, "year-02-plan-published")


def test_the_conference_is_prepared_by_the_office_and_the_villages(page, browser, live_server,
                                                                   commune, shot):
    """Stage 2, from the published plan: the conference and its milestones, the villages'
    opinions and delegates, the date brought forward, the invitations, the door."""
    today = timezone.localdate()
    first_day, sooner, _held = stage_dates()
    plan = issued_plan(commune, first_day.year)
    na_pan = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    page.set_viewport_size(PC)
    main = page.locator("main")
    _as(page, "vanphong")
    page.goto(f"/doi-thoai/ke-hoach/{plan.pk}/")

    # 2. A conference under the plan, for two villages; its milestones.
    main.get_by_role("link", name="Thêm hội nghị").click()
    page.wait_for_url(f"**/ke-hoach/{plan.pk}/hoi-nghi-moi/")
    page.get_by_label("Ngày tổ chức").fill(first_day.isoformat())
    page.get_by_label("Giờ bắt đầu").fill("07:30")
    page.get_by_label("Sức chứa hội trường (người)").fill("300")
    chair = Person.objects.get(agency=commune, full_name="Lý Thị Dương")
    page.locator("#id_chair").select_option(str(chair.pk))
    page.get_by_label("Thôn Nà Pàn", exact=True).check()
    page.get_by_label("Thôn Bản Chu", exact=True).check()
    page.get_by_role("button", name="Tạo hội nghị").click()
    page.wait_for_url("**/doi-thoai/hoi-nghi/*/")
    conference = Conference.objects.get(plan=plan)
    assert "Đã tạo hội nghị" in _messages(page)
    facts = main.inner_text()
    assert first_day.strftime("%d/%m/%Y") in facts and "Thôn Bản Chu" in facts
    assert "27/KH-UBND" in facts
    shot(page, "year-03-conference")
    page.get_by_role("link", name="Xem toàn bộ mốc thời gian").click()
    page.wait_for_url("**/moc-thoi-gian/")
    milestones = page.locator("ol.milestones").inner_text()
    assert "Điều 43" in milestones and "Chưa đến hạn" in milestones
    for kind in ("announcement", "invitations", "village_opinions", "delegate_lists",
                 "conclusion_notice"):
        due = conference.milestones.get(kind=kind).due_on
        assert due.strftime("%d/%m/%Y") in page.locator(
            f"#m-{conference.milestones.get(kind=kind).pk}").inner_text(), kind
    shot(page, "year-04-timeline")

    # The office builds the delegate list from the plan's composition.
    main.get_by_role("link", name="Đại biểu, giấy mời").first.click()
    page.wait_for_url("**/dai-bieu/")
    page.get_by_role("button", name="Lập danh sách theo kế hoạch").click()
    settle(page)
    assert "thêm" in _messages(page)

    # 3a. The village head of Thôn Nà Pàn, in his own browser: one opinion typed in for the
    # conference, his village's opinions sent on time, his three citizen representatives.
    head_context = browser.new_context(locale="vi-VN", base_url=live_server.url)
    head = head_context.new_page()
    head.set_default_timeout(10_000)
    head.set_viewport_size({"width": 375, "height": 740})
    login(head, "truongthon", DEMO_PASSWORD)
    base = f"/doi-thoai/hoi-nghi/{conference.pk}"
    head.goto(f"{base}/y-kien-cac-thon/{na_pan.pk}/")
    head.get_by_role("link", name="Nhập thêm ý kiến").click()
    head.wait_for_url("**/y-kien/nhap/")
    assert head.get_by_label("Thôn, tổ dân phố").input_value() == str(na_pan.pk)
    _enter_opinions(head, batch="Phiếu lấy ý kiến thôn Nà Pàn", village=None,
                    conference=conference, opinions=[NA_PAN_OPINION])
    shot(head, "year-05-head-intake")
    head.goto(f"{base}/y-kien-cac-thon/{na_pan.pk}/")
    assert NA_PAN_OPINION in head.locator("main").inner_text()
    head.get_by_role("button", name="Xác nhận đã gửi ý kiến của Thôn Nà Pàn").click()
    settle(head)
    assert "Đã ghi nhận Thôn Nà Pàn gửi ý kiến (1 ý kiến)." in _messages(head)
    assert "gửi muộn" not in _messages(head)
    shot(head, "year-06-head-opinions-sent")

    head.goto(f"{base}/dai-bieu/")
    head.wait_for_url(f"**/dai-bieu/thon/{na_pan.pk}/")
    for name, role in CITIZENS:
        head.get_by_label("Họ và tên").fill(name)
        head.get_by_label("Chức vụ, thành phần").fill(role)
        head.get_by_role("button", name="Thêm vào danh sách").click()
        settle(head)
        assert name in head.locator("main").inner_text()
    head.get_by_role("button", name="Gửi danh sách").click()
    settle(head)
    assert "Đã gửi danh sách đại biểu của Thôn Nà Pàn" in _messages(head)
    shot(head, "year-07-head-delegates-sent")
    head_context.close()

    # 3b. The clerk types Thôn Bản Chu's opinions; then the conference is brought forward, so
    # Bản Chu's deadline has passed when its opinions are sent.
    _enter_opinions(page, batch="Phiếu lấy ý kiến thôn Bản Chu", village="Thôn Bản Chu",
                    conference=conference,
                    opinions=list(BAN_CHU_OPINIONS))
    page.goto(f"{base}/")
    page.get_by_role("link", name="Sửa, dời lịch").click()
    page.get_by_label("Ngày tổ chức").fill(sooner.isoformat())
    page.get_by_role("button", name="Lưu thay đổi").click()
    impact = page.locator("#impact")
    assert "không còn kịp" in impact.inner_text()
    assert "Thôn gửi ý kiến" in impact.inner_text()
    shot(page, "year-08-move-impact")
    page.get_by_label("Tôi đã xem cảnh báo và vẫn giữ thay đổi này").check()
    page.get_by_role("button", name="Lưu thay đổi").click()
    page.wait_for_url(f"**{base}/")
    conference.refresh_from_db()
    assert conference.held_on == sooner

    page.get_by_role("link", name="Tổng hợp ý kiến").click()
    page.wait_for_url("**/y-kien-cac-thon/")
    # Bản Chu's opinions are in: it has sent, nobody has to say so — after the deadline now
    # in force, so late.
    sent = page.locator("section", has=page.get_by_role("heading",
                                                        name="Thôn đã gửi ý kiến (2)"))
    rows = {v: sent.locator("li", has=page.get_by_role("link", name=v)).inner_text()
            for v in ("Thôn Nà Pàn", "Thôn Bản Chu")}
    assert "Gửi muộn" in rows["Thôn Bản Chu"] and "ý kiến đã nhập, từ ngày" in rows[
        "Thôn Bản Chu"]
    # Nà Pàn sent before the deadline that applied when it sent: still on time.
    assert "Đã gửi" in rows["Thôn Nà Pàn"] and "Gửi muộn" not in rows["Thôn Nà Pàn"]
    assert "Thôn chưa gửi ý kiến (0)" in main.inner_text()
    assert "Tất cả các thôn đã gửi ý kiến." in main.inner_text()
    # The milestone was completed (by Bản Chu's opinions) after its due day: said in words.
    assert "Hoàn thành muộn" in page.locator("dl.prep-facts").inner_text()
    assert "3" in page.locator("table.board tfoot").inner_text()
    shot(page, "year-09-opinion-board")

    # 4. Invitations: prepared, then sent although late (the page asks to confirm).
    page.goto(f"{base}/dai-bieu/")
    lists = page.locator("table").first.locator(
        "tr", has=page.get_by_role("link", name="Thôn Nà Pàn")).inner_text()
    assert "đã gửi" in lists and "gửi sau hạn" not in lists
    page.get_by_role("button", name="Chuẩn bị giấy mời").click()
    settle(page)
    step = page.locator("#send-step")
    assert "Đã quá hạn gửi giấy mời." in step.inner_text()
    # Seats nobody was named for get no invitation until someone is named.
    unnamed = conference.delegates.filter(full_name="", unit=None)
    if unnamed.exists():
        assert f"{unnamed.count()} chỗ chưa ghi tên người dự" in main.inner_text()
    page.get_by_label("Tôi biết giấy mời được gửi sau hạn và vẫn gửi").check()
    page.get_by_role("button", name="Vẫn gửi giấy mời (sau hạn)").click()
    settle(page)
    invitations = Invitation.objects.filter(delegate__conference=conference)
    due = conference.milestones.get(kind="invitations").due_on
    assert (f"Đã gửi {invitations.count()} giấy mời; hạn gửi là {due:%d/%m/%Y} nên các giấy "
            "mời này được ghi là gửi sau hạn.") in _messages(page)
    addressed = conference.delegates.exclude(full_name="", unit=None)
    assert invitations.count() == addressed.count() > len(CITIZENS)
    assert not invitations.filter(delegate__in=unnamed).exists()
    assert not invitations.filter(sent_at=None).exists()
    assert invitations.filter(sent_late=True).count() == invitations.count()
    # All sent: the late warning and its form are gone; what was sent is said instead.
    sent_step = step.inner_text()
    assert "Đã quá hạn" not in sent_step and step.locator("form").count() == 0
    assert (f"Đã gửi cả {invitations.count()} giấy mời" in sent_step
            and f"Trong đó {invitations.count()} giấy mời gửi sau hạn." in sent_step)
    shot(page, "year-10-invitations-sent")

    # 5. At the door: the code read from the printed list, then a name; the count is live.
    page.get_by_role("link", name="Danh sách in kèm mã").click()
    page.wait_for_url("**/giay-moi/danh-sach/")
    code = page.locator("tr", has=page.get_by_role("cell", name="Lương Văn Sáng", exact=True)
                        ).locator("td.code").inner_text().strip()
    assert code == Invitation.objects.get(delegate__full_name="Lương Văn Sáng").code
    shot(page, "year-11-invitation-list")
    page.get_by_role("link", name="Điểm danh tại hội nghị").click()
    page.wait_for_url("**/diem-danh/")
    if sooner > today:
        assert (f"Hôm nay chưa đến ngày hội nghị ({sooner:%d/%m/%Y})."
                in page.locator("#door-day").inner_text())
    page.get_by_label("Mã trên giấy mời (gõ hoặc quét rồi bấm Enter)").fill(code)
    page.keyboard.press("Enter")
    settle(page)
    assert "Có mặt: Lương Văn Sáng" in _messages(page)
    assert code in _messages(page)
    page.get_by_label("Tìm theo tên (không cần gõ dấu)").fill("hoang thi thoa")
    page.get_by_role("button", name="Tìm", exact=True).click()
    settle(page)
    page.get_by_role("button", name="Có mặt — Hoàng Thị Thoa").click()
    settle(page)
    assert "Có mặt: Hoàng Thị Thoa" in _messages(page)
    total = invitations.count()
    assert f"2 người có mặt trên {total}" in page.locator("#live-count").inner_text()
    shot(page, "year-12-checkin")


def test_after_the_session_the_conference_is_concluded_answered_and_closed(page, commune,
                                                                           shot):
    """Stage 3, from the prepared conference: held, its conclusion notice, its petitions
    answered, closed; the province sees it."""
    today = timezone.localdate()
    first_day, _sooner, held = stage_dates()
    year = first_day.year
    conference = prepared_conference(commune, first_day)
    base = f"/doi-thoai/hoi-nghi/{conference.pk}"
    na_pan = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    ban_chu = Village.objects.get(agency=commune, name="Thôn Bản Chu")
    page.set_viewport_size(PC)
    main = page.locator("main")
    _as(page, "vanphong")

    # 6. Time passes: the session takes place. A browser cannot move the clock, so the
    # conference's day is set to a recent past working day in the database and its milestones
    # are recomputed, as if the preparation above had happened before that day.
    Conference.objects.filter(pk=conference.pk).update(held_on=held)
    conference.refresh_from_db()
    milestones_actions.sync_milestones(conference)

    page.goto(f"{base}/")
    page.locator("#action-outcome summary").click()
    page.get_by_label("Tóm tắt kết quả hội nghị").fill(
        "Hội nghị đã đối thoại 3 ý kiến của Nhân dân hai thôn Nà Pàn, Bản Chu; Chủ tịch UBND "
        "xã giao các đơn vị trả lời bằng văn bản.")
    page.locator("#action-outcome").get_by_role("button", name="Ghi nhận đã tổ chức").click()
    settle(page)
    assert "Đã tổ chức" in page.locator(".status-line").inner_text()
    conference.refresh_from_db()
    assert (conference.state, conference.attendance) == (Conference.State.HELD, 2)
    shot(page, "year-13-held")

    # 7. The conclusion notice.
    page.locator("#action-conclusion summary").click()
    page.get_by_label("Ngày ký thông báo").fill(today.isoformat())
    page.get_by_label("Nội dung kết luận").fill(
        "Giao Phòng Kinh tế khảo sát, lập phương án đổ bê tông đường liên thôn Nà Pàn và nạo "
        "vét kênh mương thôn Bản Chu; trả lời Nhân dân bằng văn bản đúng hạn.")
    page.locator("#action-conclusion").get_by_label(
        "Văn bản đã được người có thẩm quyền ký", exact=False).check()
    page.locator("#action-conclusion").get_by_role(
        "button", name="Ban hành thông báo kết luận").click()
    settle(page)
    assert "Đã thông báo kết luận" in page.locator(".status-line").inner_text()
    conference.refresh_from_db()
    # Numbered by the register, the notice kept as issued in the documents panel.
    assert conference.conclusion_number.endswith("/TB-UBND")
    assert conference.conclusion_number in main.inner_text()

    # 8. Closing too early is refused, with the count.
    page.get_by_role("button", name="Hoàn thành hội nghị").click()
    settle(page)
    assert "Còn 3 ý kiến chưa được trả lời hoặc chuyển cấp trên." in main.inner_text()
    conference.refresh_from_db()
    assert conference.state == Conference.State.CONCLUDED
    shot(page, "year-14-close-refused")

    # One petition all the way through the petition pages: assigned, drafted, approved,
    # published.
    road = Petition.objects.get(conference=conference, text=NA_PAN_OPINION)
    main.get_by_role("link", name="Xem các ý kiến của hội nghị").first.click()
    page.get_by_role("link", name=road.tracking_code).click()
    page.wait_for_url(f"**/y-kien/{road.pk}/")
    _act(page, "assign", select={"Đơn vị trả lời": "Phòng Kinh tế"}, button="Giao đơn vị")
    assert Petition.objects.get(pk=road.pk).state == State.ASSIGNED
    _as(page, "kinhte")
    page.goto("/y-kien/don-vi/")
    page.get_by_role("link", name=road.tracking_code).click()
    page.wait_for_url(f"**/y-kien/{road.pk}/")
    _act(page, "draft_answer", fill={"Nội dung trả lời": ANSWER, "Số văn bản": "141/UBND-KT"},
         button="Lưu dự thảo trả lời")
    assert Petition.objects.get(pk=road.pk).state == State.ANSWER_DRAFTED
    _as(page, "chutich")
    page.goto("/y-kien/cho-duyet/")
    page.get_by_role("button", name=f"Duyệt trả lời {road.tracking_code}").click()
    settle(page)
    _as(page, "vanphong")
    page.goto("/y-kien/cho-duyet/")
    page.get_by_role("button", name=f"Công khai và gửi trả lời {road.tracking_code}").click()
    settle(page)
    assert Petition.objects.get(pk=road.pk).state == State.PUBLISHED

    # The other two are answered the way the units would over the following weeks, through
    # the petition services (the pages for these steps were just walked above).
    clerk, leader = User.objects.get(username="vanphong"), User.objects.get(username="chutich")
    economy = Unit.objects.get(agency=commune, name="Phòng Kinh tế")
    officer = User.objects.get(username="kinhte")
    ditch, lights = (Petition.objects.get(conference=conference, text=t)
                     for t in BAN_CHU_OPINIONS)
    answers.answer_at_conference(
        actor=clerk, petition=ditch, answered_by="Chủ tịch UBND xã Lý Thị Dương",
        text="UBND xã huy động Nhân dân nạo vét kênh mương trước ngày 15 tháng Giêng.")
    lights = assignments.assign(actor=clerk, petition=lights, unit=economy)
    answers.draft_answer(actor=officer, petition=lights,
                         text="Phòng Kinh tế lắp 6 bộ đèn chiếu sáng trong tháng tới.")
    lights = answers.approve_answer(actor=leader, petition=Petition.objects.get(pk=lights.pk))
    answers.publish_answer(actor=clerk, petition=lights)

    # Now the conference closes.
    page.goto(f"{base}/")
    assert "Còn " not in page.locator("section.actions").inner_text()
    page.get_by_role("button", name="Hoàn thành hội nghị").click()
    settle(page)
    conference.refresh_from_db()
    assert conference.state == Conference.State.CLOSED
    assert "Đã trả lời xong" in page.locator(".status-line").inner_text()
    shot(page, "year-15-closed")
    returns = {r.village_id: r for r in VillageReturn.objects.filter(conference=conference)}
    assert returns[na_pan.pk].opinions_sent_at < returns[ban_chu.pk].opinions_sent_at
    assert returns[na_pan.pk].delegates_sent_at is not None

    # 9. The province sees the commune's year.
    _as(page, "tinh")
    page.goto("/doi-thoai/tinh/")
    if f"Theo dõi đối thoại năm {year}" not in page.locator("h1").inner_text():
        page.get_by_label("Năm").select_option(str(year))
        page.get_by_role("button", name="Xem", exact=True).click()
        settle(page)
    row = page.locator("table.rollup-table tbody tr",
                       has=page.get_by_role("link", name="Ủy ban nhân dân xã Điềm He"))
    cells = row.locator("td")
    assert "27/KH-UBND" in cells.nth(0).inner_text()
    assert held.strftime("%d/%m/%Y") in cells.nth(1).inner_text()
    assert [cells.nth(i).inner_text().split()[0] for i in (2, 3)] == ["3", "3"]
    shot(page, "year-16-rollup")
    returns = {r.village_id: r for r in VillageReturn.objects.filter(conference=conference)}
    assert not returns[na_pan.pk].opinions_late and returns[ban_chu.pk].opinions_late
    assert not returns[na_pan.pk].delegates_late

def _act(page, action, fill=None, select=None, button=None):
    """Open an action on the petition page (unless already open), fill it and submit."""
    details = page.locator(f"details#action-{action}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    form = details.locator("form.stacked")
    for label, value in (select or {}).items():
        form.get_by_label(label).select_option(label=value)
    for label, value in (fill or {}).items():
        form.get_by_label(label).fill(value)
    form.get_by_role("button", name=button).click()
    settle(page)
