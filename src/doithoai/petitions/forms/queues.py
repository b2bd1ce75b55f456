"""Forms of the lists: the office queue's filters (read from the URL) and its bulk actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doithoai.core.petition_flow import STATE_LABELS, State
from doithoai.petitions.models import Channel, Kind
from doithoai.petitions.selectors import queues

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


DUE_CHOICES = [
    ("", _("Tất cả")),
    (queues.DUE_OPEN, _("Đang mở (chưa xong)")),
    (queues.DUE_SOON_FILTER, _("Sắp đến hạn")),
    (queues.DUE_OVERDUE, _("Quá hạn")),
]


class QueueFilterForm(forms.Form):
    """The queue's filters, read from the URL (GET) so that a filtered list can be shared,
    bookmarked and paged."""

    q = forms.CharField(label=_("Tìm theo nội dung hoặc mã"), required=False, max_length=200,
                        widget=forms.TextInput(attrs={"type": "search"}))
    agency = forms.ModelChoiceField(label=_("Xã, phường"), queryset=None, required=False,
                                    empty_label=_("Tất cả xã, phường"))
    state = forms.ChoiceField(label=_("Trạng thái"), required=False)
    due = forms.ChoiceField(label=_("Hạn trả lời"), required=False, choices=DUE_CHOICES)
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=None, required=False,
                                   empty_label=_("Tất cả lĩnh vực"))
    village = forms.ModelChoiceField(label=_("Thôn, tổ dân phố"), queryset=None,
                                     required=False, empty_label=_("Tất cả thôn"))
    unit = forms.ModelChoiceField(label=_("Đơn vị được giao"), queryset=None, required=False,
                                  empty_label=_("Tất cả đơn vị"))
    channel = forms.ChoiceField(label=_("Kênh tiếp nhận"), required=False)
    kind = forms.ChoiceField(label=_("Loại"), required=False)
    conference = forms.ModelChoiceField(label=_("Hội nghị"), queryset=None, required=False,
                                        empty_label=_("Tất cả"))
    received_from = forms.DateField(label=_("Nhận từ ngày"), required=False, widget=DATE_WIDGET)
    received_to = forms.DateField(label=_("Đến ngày"), required=False, widget=DATE_WIDGET)

    def __init__(self, data, *, user):
        super().__init__(data)
        agencies = queues.queue_agencies(user)
        single = queues.single_agency(user)
        self.several_agencies = single is None and agencies.exists()
        self.fields["agency"].queryset = agencies
        if not self.several_agencies:
            del self.fields["agency"]
            self.chosen_agency = single
        else:
            self.chosen_agency = agencies.filter(pk=to_int(data.get("agency"))).first()
        choices = queues.filter_choices(user, self.chosen_agency)
        for name, key in (("field", "fields"), ("village", "villages"), ("unit", "units"),
                          ("conference", "conferences")):
            if self.chosen_agency is None or choices[key] is None:
                del self.fields[name]
            else:
                self.fields[name].queryset = choices[key]
        if "conference" in self.fields and not choices["conferences"].exists():
            del self.fields["conference"]
        self.fields["state"].choices = [("", _("Tất cả trạng thái"))] + [
            (s.value, _(STATE_LABELS[s])) for s in State]
        self.fields["channel"].choices = [("", _("Tất cả kênh"))] + list(Channel.choices)
        self.fields["kind"].choices = [("", _("Tất cả loại"))] + list(Kind.choices)

    def clean(self):
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("Ngày cuối không được trước ngày đầu."))
        return data

    def filters(self) -> queues.QueueFilters:
        """The valid filters (an invalid one is shown as an error and left out)."""
        self.is_valid()
        data = self.cleaned_data
        return queues.QueueFilters(
            agency=self.chosen_agency, field=data.get("field"), village=data.get("village"),
            unit=data.get("unit"), state=data.get("state") or "", due=data.get("due") or "",
            channel=data.get("channel") or "", kind=data.get("kind") or "",
            conference=data.get("conference"), received_from=data.get("received_from"),
            received_to=data.get("received_to") if "received_to" not in self.errors else None,
            q=(data.get("q") or "").strip(),
        )

    MAIN = ("q", "agency", "state", "due")

    def main_fields(self):
        return [self[name] for name in self.MAIN if name in self.fields]

    def more_fields(self):
        return [self[name] for name in self.fields if name not in self.MAIN]

    def more_used(self) -> bool:
        """Whether one of the less-used filters is set (their group then starts open)."""
        return any(self.data.get(name) for name in self.fields if name not in self.MAIN)


def to_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class BulkForm(forms.Form):
    """The queue's bulk actions on the checked petitions."""

    ASSIGN, GROUP = "assign", "group"

    ids = forms.ModelMultipleChoiceField(
        queryset=None, error_messages={"required": _("Hãy chọn ít nhất một ý kiến.")})
    op = forms.ChoiceField(choices=[(ASSIGN, ASSIGN), (GROUP, GROUP)])
    unit = forms.ModelChoiceField(label=_("Giao cho đơn vị"), queryset=None, required=False,
                                  empty_label=_("— Chọn đơn vị —"))
    reason = forms.CharField(label=_("Ghi chú, lý do"), required=False, max_length=500)
    title = forms.CharField(label=_("Tên vấn đề"), required=False, max_length=250)

    def __init__(self, data=None, *, user, agency):
        super().__init__(data, auto_id="bulk_%s")  # the filter form above has a "unit" too
        self.fields["ids"].queryset = queues.visible_petitions(user)
        units = queues.filter_choices(user, agency)["units"]
        self.fields["unit"].queryset = units

    def clean_ids(self):
        """The checked petitions, in a stable order (their numbers)."""
        return self.cleaned_data["ids"].order_by("pk")

    def clean(self):
        data = super().clean()
        if data.get("op") == self.ASSIGN and not data.get("unit"):
            self.add_error("unit", _("Hãy chọn đơn vị được giao."))
        return data
