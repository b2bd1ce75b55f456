"""What a citizen is told when a complaint or a denunciation is sent to its own procedure:
which body settles it, in what form it is made, and the law's time limits
(docs/law.md#complaints-and-denunciations). The numbers are the law's, kept here as data;
the sentences are the Vietnamese the citizen reads (the tracking page, the live room, the
notice), stored on the petition as its public note.
"""

from __future__ import annotations

from dataclasses import dataclass

from doithoai.core.petition_flow import COMPLAINT, DENUNCIATION


@dataclass(frozen=True)
class Limit:
    days: int
    working_days: bool  # else calendar days
    what: str  # what must be done within it
    article: str

    def text(self) -> str:
        unit = "ngày làm việc" if self.working_days else "ngày"
        return f"{self.what} trong {self.days} {unit} ({self.article})"


@dataclass(frozen=True)
class Guidance:
    kind: str
    law: str
    body: str  # who settles it
    form: str  # how it is made
    limits: tuple[Limit, ...]
    after: str = ""  # one more thing the citizen must know

    def text(self) -> str:
        """The guidance as told to the citizen, one sentence a line."""
        lines = [f"Giải quyết theo {self.law}.", f"Nơi gửi: {self.body}.",
                 f"Hình thức: {self.form}.",
                 "Thời hạn: " + "; ".join(limit.text() for limit in self.limits) + "."]
        if self.after:
            lines.append(self.after)
        return "\n".join(lines)


# Law on Complaints 2011 (Luật Khiếu nại số 02/2011/QH13).
COMPLAINT_FILING_DAYS = 90  # Art. 9: from the day the decision was received or the act known
COMPLAINT_ACCEPTANCE_DAYS = 10  # Art. 27
COMPLAINT_RESOLUTION_DAYS = 30  # Art. 28
COMPLAINT_COMPLEX_RESOLUTION_DAYS = 45  # Art. 28
COMPLAINT_REMOTE_RESOLUTION_DAYS = 45  # Art. 28, remote and hard-to-reach areas
COMPLAINT_REMOTE_COMPLEX_RESOLUTION_DAYS = 60  # Art. 28
# Law on Denunciations 2018 (Luật Tố cáo số 25/2018/QH14).
DENUNCIATION_INTAKE_WORKDAYS = 7  # Art. 24: entered, checked and accepted or not
DENUNCIATION_RESOLUTION_DAYS = 30  # Art. 30, from the day it was accepted
DENUNCIATION_EXTENSION_DAYS = 30  # Art. 30: once for a complex case, twice a very complex one

# How labels and reasons name the law that settles each (stored data: plain Vietnamese).
LAW_NAMES = {COMPLAINT: "Luật Khiếu nại 2011", DENUNCIATION: "Luật Tố cáo 2018"}

GUIDANCE = {
    COMPLAINT: Guidance(
        kind=COMPLAINT,
        law="Luật Khiếu nại năm 2011",
        body=("người đã ra quyết định hành chính hoặc thủ trưởng cơ quan có người có hành vi "
              "hành chính bị khiếu nại (khiếu nại lần đầu, Điều 7); với quyết định, hành vi của "
              "Ủy ban nhân dân xã hoặc công chức xã: Chủ tịch Ủy ban nhân dân xã"),
        form=("đơn khiếu nại ghi rõ ngày, tháng, năm; họ tên, địa chỉ người khiếu nại; nội "
              "dung, lý do, yêu cầu; có chữ ký hoặc điểm chỉ — hoặc khiếu nại trực tiếp tại "
              "nơi tiếp công dân (Điều 8)"),
        limits=(
            Limit(COMPLAINT_FILING_DAYS, False, "gửi khiếu nại",
                  "Điều 9, kể từ ngày nhận được quyết định hoặc biết được hành vi"),
            Limit(COMPLAINT_ACCEPTANCE_DAYS, False, "người có thẩm quyền thụ lý", "Điều 27"),
            Limit(COMPLAINT_RESOLUTION_DAYS, False, "giải quyết lần đầu",
                  f"Điều 28; vụ việc phức tạp {COMPLAINT_COMPLEX_RESOLUTION_DAYS} ngày; vùng "
                  f"sâu, vùng xa {COMPLAINT_REMOTE_RESOLUTION_DAYS} ngày, phức tạp "
                  f"{COMPLAINT_REMOTE_COMPLEX_RESOLUTION_DAYS} ngày"),
        ),
        after=("Khiếu nại được giải quyết bằng quyết định giải quyết khiếu nại, không trả lời "
               "như ý kiến, kiến nghị tại hội nghị đối thoại."),
    ),
    DENUNCIATION: Guidance(
        kind=DENUNCIATION,
        law="Luật Tố cáo năm 2018",
        body=("người đứng đầu cơ quan, tổ chức quản lý người bị tố cáo; tố cáo người đứng đầu "
              "thì gửi người đứng đầu cơ quan, tổ chức cấp trên trực tiếp (Điều 13)"),
        form=("đơn tố cáo ghi rõ ngày, tháng, năm; họ tên, địa chỉ, cách liên hệ của người tố "
              "cáo; hành vi vi phạm và người bị tố cáo; có chữ ký hoặc điểm chỉ — hoặc tố cáo "
              "trực tiếp (Điều 22)"),
        limits=(
            Limit(DENUNCIATION_INTAKE_WORKDAYS, True, "cơ quan nhận tố cáo xử lý ban đầu, "
                  "quyết định thụ lý hoặc không", "Điều 24"),
            Limit(DENUNCIATION_RESOLUTION_DAYS, False, "giải quyết kể từ ngày thụ lý",
                  f"Điều 30; vụ việc phức tạp gia hạn một lần, đặc biệt phức tạp gia hạn hai "
                  f"lần, mỗi lần không quá {DENUNCIATION_EXTENSION_DAYS} ngày"),
        ),
        after="Họ tên, địa chỉ và thông tin của người tố cáo được giữ bí mật.",
    ),
}


def guidance_for(kind: str) -> Guidance:
    """The guidance for a complaint or a denunciation (KeyError for any other kind)."""
    return GUIDANCE[kind]


def chair_remark(remark: str) -> str:
    """The chair's words on the matter, told as guidance (never as an answer)."""
    remark = " ".join(remark.split())
    return f"Chủ trì hướng dẫn thêm: {remark}" if remark else ""


def note(kind: str, remark: str = "") -> str:
    """What the citizen reads: the law's guidance, then the chair's remark if he spoke."""
    return "\n".join(part for part in (guidance_for(kind).text(), chair_remark(remark)) if part)
