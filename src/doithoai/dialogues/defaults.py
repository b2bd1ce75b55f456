# ruff: noqa: E501 -- the paragraphs of the plan are kept whole, as the office reads them
"""What a new plan starts with: the current law as legal basis, the seeds' usual wording and
programme, the agency's own units in the composition and the tasks.

Texts here are stored in the plan (plain Vietnamese data, not page text): the office edits
them like the paragraphs of a Word document.
"""

from __future__ import annotations

from dataclasses import dataclass

from doithoai.core.text import fold
from doithoai.dialogues.models import ParticipantGroup as G
from doithoai.org.models import Agency, Unit

LEGAL_BASES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025",
    "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022",
    "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ quy định chi "
    "tiết một số điều của Luật Thực hiện dân chủ ở cơ sở",
    "Căn cứ Quy định số 11-QĐi/TW ngày 18 tháng 02 năm 2019 của Ban Chấp hành Trung ương Đảng "
    "về trách nhiệm của người đứng đầu cấp ủy trong việc tiếp dân, đối thoại trực tiếp với dân "
    "và xử lý những phản ánh, kiến nghị của dân",
]

PURPOSES = """\
Nâng cao hiệu quả tuyên truyền, phổ biến chủ trương của Đảng, chính sách, pháp luật của Nhà nước đến Nhân dân.
Kịp thời nắm bắt tâm tư, nguyện vọng, ý kiến, kiến nghị của Nhân dân; phát hiện và giải quyết vướng mắc, đồng thời đề xuất điều chỉnh chủ trương, chính sách phù hợp với thực tiễn địa phương.
Tạo điều kiện để Nhân dân giám sát, kiểm tra hoạt động lãnh đạo, chỉ đạo, điều hành của cấp ủy, chính quyền trên các lĩnh vực, góp phần xây dựng Đảng và chính quyền trong sạch, vững mạnh."""

REQUIREMENTS = """\
Tổ chức đối thoại phải thiết thực, hiệu quả, đúng quy định; bảo đảm sự lãnh đạo của Đảng, quản lý của chính quyền và vai trò của Mặt trận Tổ quốc, các tổ chức chính trị - xã hội.
Đối thoại được tiến hành công khai, minh bạch, dân chủ, khách quan, thẳng thắn, đúng trọng tâm, trọng điểm, bảo đảm phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng”; mọi người dân đều có cơ hội như nhau được phát biểu.
Kết quả đối thoại phải được tổng hợp, tiếp thu, giải trình và có kế hoạch xử lý, trả lời cụ thể sau hội nghị; câu trả lời ngắn gọn, đúng trọng tâm, dễ hiểu."""

FORM = "Đối thoại trực tiếp tại hội trường; có thể kết hợp trực tuyến."

TIME_TEXT = "Thực hiện trong năm {year} (thời gian cụ thể sẽ thông báo sau)."

CONTENT = """\
Thông báo, trao đổi về tình hình phát triển kinh tế - xã hội, quốc phòng - an ninh; những vấn đề quan trọng ảnh hưởng trực tiếp đến địa phương mà Nhân dân đang quan tâm.
Nghe ý kiến, kiến nghị của Nhân dân về các chủ trương, chính sách đã ban hành hoặc dự kiến ban hành, nhất là những nội dung liên quan trực tiếp đến quyền và nghĩa vụ của Nhân dân.
Ý kiến của Nhân dân về đạo đức, lối sống, thái độ và tinh thần trách nhiệm của cán bộ, công chức, viên chức trong thực thi nhiệm vụ.
Các dự án đầu tư, chương trình xây dựng nông thôn mới trên địa bàn.
Những vướng mắc trong quá trình vận hành mô hình chính quyền địa phương 02 cấp."""

# (title, minutes): the seeds' programme (R08) with durations a chair would plan.
PROGRAMME = [
    ("Tuyên bố lý do, giới thiệu đại biểu, chủ trì và thư ký hội nghị", 5),
    ("Thông qua chương trình, nội quy hội nghị đối thoại", 5),
    ("Phát biểu khai mạc", 10),
    ("Báo cáo tóm tắt tình hình kinh tế - xã hội, quốc phòng - an ninh", 15),
    ("Báo cáo tổng hợp ý kiến, kiến nghị của Nhân dân trước hội nghị", 10),
    ("Báo cáo kết quả giải quyết ý kiến, kiến nghị của hội nghị trước", 10),
    ("Tiến hành đối thoại với Nhân dân", 90),
    ("Chủ trì tóm tắt, kết luận từng vấn đề đối thoại", 15),
    ("Đại diện Thường trực Đảng ủy, Ủy ban MTTQ phát biểu", 10),
    ("Kết luận, bế mạc hội nghị", 5),
]
CARRY_OVER_ITEM = PROGRAMME[5][0]

RULES = """\
Đại biểu có mặt đúng giờ, ngồi đúng vị trí theo hướng dẫn của Ban tổ chức.
Người phát biểu đăng ký qua phiếu đăng ký phát biểu và phát biểu theo thứ tự, theo sự điều hành của chủ trì.
Mỗi lượt phát biểu không quá 05 phút, đúng trọng tâm, không trùng lặp ý kiến đã nêu.
Giữ trật tự, tôn trọng ý kiến của người khác; không gây mất trật tự trong hội trường.
Khiếu nại, tố cáo được tiếp nhận và chuyển giải quyết theo quy định của pháp luật."""

BUDGET = ("Kinh phí tổ chức hội nghị được bố trí từ ngân sách {short} năm {year} và các nguồn "
          "kinh phí hợp pháp khác (nếu có). Giao Kế toán Văn phòng HĐND và UBND tham mưu bố "
          "trí, quản lý và sử dụng kinh phí đúng quy định, tiết kiệm, hiệu quả.")
BUDGET_SOURCE = "Ngân sách {short} năm {year}"

# The village heads' and the Front's duties are the plan's own sections
# (dialogues/selectors/duties.py), with the deadlines of the plan's settings.
COORDINATION = ("Đề nghị Thường trực HĐND, Ủy ban MTTQ Việt Nam {short} tham dự để theo dõi, "
                "giám sát việc thực hiện.")

RECIPIENTS = """\
Thường trực Đảng ủy {short};
Thường trực HĐND {short};
Chủ tịch, các Phó Chủ tịch UBND {short};
Ủy ban MTTQ Việt Nam {short}, các tổ chức chính trị - xã hội;
Các cơ quan, đơn vị trực thuộc UBND {short};
Trưởng các thôn, tổ dân phố;
Trang thông tin điện tử {short};
Lưu: VT."""

BANNER = """\
{issuer}
HỘI NGHỊ
ĐỐI THOẠI GIỮA CHỦ TỊCH ỦY BAN NHÂN DÂN {short_upper} VỚI NHÂN DÂN NĂM {year}"""


@dataclass(frozen=True)
class GroupSpec:
    side: str
    label: str
    seats: int = 1
    unit: Unit | None = None


@dataclass(frozen=True)
class TaskSpec:
    unit: Unit
    text: str
    offset_days: int | None


def short_name(agency: Agency) -> str:
    """"xã Điềm He" from the administrative unit, else from the agency's header."""
    if agency.admin_unit_id:
        return agency.admin_unit.name[:1].lower() + agency.admin_unit.name[1:]
    lines = agency.header_issuer_lines
    return lines[-1].capitalize() if lines else agency.name


def _has(unit: Unit, *words: str) -> bool:
    name = fold(unit.name)
    return any(fold(w) in name for w in words)


def _units(agency: Agency) -> list[Unit]:
    return list(Unit.objects.filter(agency=agency, is_active=True).order_by("order", "name"))


def _first(units: list[Unit], kind: str, *words: str) -> Unit | None:
    for unit in units:
        if unit.kind == kind and (not words or _has(unit, *words)):
            return unit
    return None


def sections(agency: Agency, year: int) -> dict[str, str]:
    """Every text section of a new plan, filled in for this agency and year."""
    short = short_name(agency)
    issuer = " ".join(agency.header_issuer_lines) or agency.name.upper()
    return {
        "title": f"Tổ chức hội nghị đối thoại giữa Chủ tịch UBND {short} với Nhân dân "
                 f"trên địa bàn {short} năm {year}",
        "legal_bases": "\n".join(LEGAL_BASES),
        "preamble": f"{agency.name} ban hành Kế hoạch tổ chức hội nghị đối thoại giữa Chủ tịch "
                    f"UBND {short} với Nhân dân năm {year} như sau:",
        "purposes": PURPOSES,
        "requirements": REQUIREMENTS,
        "form": FORM,
        "time_text": TIME_TEXT.format(year=year),
        "venue": f"Hội trường Ủy ban nhân dân {short}",
        "content": CONTENT,
        "programme": "\n".join(title for title, _ in PROGRAMME),
        "banner": BANNER.format(issuer=issuer, short_upper=short.upper(), year=year),
        "rules": RULES,
        "coordination": COORDINATION.format(short=short),
        "budget": BUDGET.format(short=short, year=year),
        "budget_source": BUDGET_SOURCE.format(short=short, year=year),
        "recipients": RECIPIENTS.format(short=short),
    }


def groups(agency: Agency) -> list[GroupSpec]:
    """The composition of the seed plans (DH), with the agency's own units."""

    short = short_name(agency)
    specs = [
        GroupSpec(G.Side.COMMUNE, f"Chủ trì: Chủ tịch, các Phó Chủ tịch UBND {short}", 3),
        GroupSpec(G.Side.COMMUNE, f"Đại diện Thường trực Đảng ủy {short}", 1),
        GroupSpec(G.Side.COMMUNE, f"Đại diện Thường trực HĐND {short} (đồng chủ trì)", 1),
    ]
    for unit in _units(agency):
        if unit.kind == Unit.Kind.OFFICE or unit.kind in (Unit.Kind.PARTY, Unit.Kind.COUNCIL):
            continue
        specs.append(GroupSpec(G.Side.COMMUNE, f"Đại diện lãnh đạo {unit.name}", 1, unit))
    specs += [
        GroupSpec(G.Side.VILLAGE, "Trưởng thôn", 1),
        GroupSpec(G.Side.VILLAGE, "Đại diện Ban Công tác Mặt trận thôn", 1),
        GroupSpec(G.Side.VILLAGE, "Chi hội trưởng các chi hội đoàn thể thôn", 4),
        GroupSpec(G.Side.VILLAGE, "Người có uy tín", 1),
        GroupSpec(G.Side.CITIZEN, "Đại diện Nhân dân", 3),
    ]
    return specs


def tasks(agency: Agency) -> list[TaskSpec]:
    """The seeds' "tổ chức thực hiện", for the units this agency has: the units' own tasks.
    The statutory steps (the announcement, the Front's and the villages' opinions and lists,
    the departments' answers, the conclusion notice, …) are added to them with the deadlines
    of the plan's settings (dialogues/selectors/duties.py), never copied here."""
    units = _units(agency)
    office = _first(units, Unit.Kind.OFFICE)
    culture = _first(units, Unit.Kind.DEPARTMENT, "văn hóa")
    broadcast = _first(units, Unit.Kind.SERVICE_CENTRE, "dịch vụ công ích", "truyền thanh")
    police = _first(units, Unit.Kind.POLICE)
    specs = []
    if office:
        specs += [
            TaskSpec(office, "Chuẩn bị nội dung chi tiết chương trình, tài liệu và cơ sở vật "
                             "chất phục vụ hội nghị.", -7),
            TaskSpec(office, "Tổng hợp báo cáo tóm tắt tình hình kinh tế - xã hội phục vụ "
                             "hội nghị.", -3),
            TaskSpec(office, "Đăng tải kế hoạch tổ chức hội nghị lên trang thông tin điện tử.",
                     None),
            TaskSpec(office, "Bố trí kinh phí tổ chức hội nghị (Kế toán).", -7),
        ]
    if culture:
        specs.append(TaskSpec(culture, "Xây dựng nội quy hội nghị đối thoại gửi Văn phòng.", -5))
    if broadcast:
        specs.append(TaskSpec(broadcast, "Cử phóng viên ghi hình, đưa tin về hội nghị.", 0))
    if police:
        specs.append(TaskSpec(police, "Xây dựng kế hoạch bảo đảm an ninh trật tự cho hội nghị.",
                              -3))
    return specs


def agenda_minutes(title: str) -> int:
    """The planned duration of a programme line (10 minutes for lines the office added)."""
    folded = fold(title)
    for known, minutes in PROGRAMME:
        if fold(known) == folded:
            return minutes
    return 10
