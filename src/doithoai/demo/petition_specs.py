"""The demo petitions' plan: how many end in each state, what each one will go through
(`Spec`), and what loading them did (`Outcome`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from doithoai.core import dates
from doithoai.core.petition_flow import State
from doithoai.org.models import Village
from doithoai.petitions.models import Kind, Urgency

# State → how many demo petitions end there (sums to TOTAL).
PLAN = {
    State.RECEIVED: 18, State.CLASSIFIED: 15, State.RETURNED: 8, State.ASSIGNED: 45,
    State.ANSWER_DRAFTED: 20, State.ANSWER_APPROVED: 12, State.PUBLISHED: 65,
    State.CLOSED: 70, State.ANSWERED_AT_CONFERENCE: 15, State.ESCALATED: 14,
    State.NOT_ACCEPTED: 10, State.TRANSFERRED: 8,
}


@dataclass
class Outcome:
    created: int = 0
    existing: int = 0
    states: Counter = field(default_factory=Counter)
    overdue: int = 0
    due_soon: int = 0
    issues: int = 0
    missing_commune: bool = False
    conference_day: dt.date | None = None

    def summary(self) -> str:
        if self.missing_commune:
            return "Ý kiến mẫu: chưa có xã Điềm He (chạy dữ liệu mẫu tổ chức trước)."
        if not self.created:
            return (f"Ý kiến mẫu: đã có {self.existing} ý kiến mẫu của xã Điềm He, "
                    f"không tạo thêm.")
        return (f"Ý kiến mẫu: đã tạo {self.created} ý kiến ở {len(self.states)} trạng thái "
                f"({self.overdue} quá hạn, {self.due_soon} sắp đến hạn), {self.issues} vấn đề "
                f"gộp và hội nghị đối thoại ngày {dates.day(self.conference_day)}.")


@dataclass
class Spec:
    n: int
    state: State
    topic: tuple
    template: int
    village: Village
    other_village: Village
    channel: str
    kind: str = Kind.OPINION
    timing: str = "past"  # past | overdue | soon | fresh
    conference: bool = False
    complex_case: bool = False
    extend: str | None = None  # None | "soon" | "fresh" | "late"
    send_back: bool = False
    reroute: bool = False
    reopen: bool = False
    close_from: State = State.PUBLISHED
    issue: int | None = None
    urgency: str = Urgency.NORMAL
