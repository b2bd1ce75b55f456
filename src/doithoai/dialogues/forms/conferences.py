"""Forms of the conference pages: parse and check what the office typed; the actions decide."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doithoai.dialogues.choices import Mode
from doithoai.dialogues.forms.common import SignedIssueForm
from doithoai.dialogues.models import Conference
from doithoai.org.models import Agency, Person, Unit, Village

# Who presides (docs/law.md#legal-frame-of-the-conference): the People's Committee's chairman
# or a vice-chairman in his stead — they also sign for the Committee (the plan's signer). Who
# co-chairs: a chairman or vice-chairman of the People's Council's standing committee, of the
# Front or of another body of the commune; never an officer or a village's people. Positions
# are written with "UBND" or in full, "Phó Chủ tịch" or "Phó chủ tịch" (matched as written:
# SQLite compares only ASCII letters without case).
HEADS = ("Chủ tịch", "Phó Chủ tịch", "Phó chủ tịch")
COMMITTEE = ("UBND", "Ủy ban nhân dân")


def _starting(prefixes) -> Q:
    starts = Q()
    for prefix in prefixes:
        starts |= Q(position__startswith=prefix)
    return Q(village__isnull=True) & starts


CHAIR_Q = _starting(f"{head} {body}" for head in HEADS for body in COMMITTEE)
CO_CHAIR_Q = _starting(HEADS)
SECRETARY_Q = Q(unit__kind=Unit.Kind.OFFICE)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ConferenceForm(forms.Form):
    """The facts of a conference (schedule and edit)."""

    title = forms.CharField(label=_("Tên hội nghị"), max_length=250)
    held_on = forms.DateField(
        label=_("Ngày tổ chức"), required=False, widget=DATE,
        help_text=_("Để trống nếu chưa ấn định: hội nghị hiện “thời gian thông báo sau”."))
    starts_at = forms.TimeField(label=_("Giờ bắt đầu"), required=False, widget=TIME)
    venue = forms.CharField(label=_("Địa điểm"), max_length=250)
    mode = forms.ChoiceField(label=_("Hình thức"), choices=Mode.choices)
    online_link = forms.URLField(label=_("Đường dẫn trực tuyến"), required=False,
                                 assume_scheme="https",
                                 help_text=_("Bắt buộc khi có hình thức trực tuyến."))
    hall_capacity = forms.IntegerField(label=_("Sức chứa hội trường (người)"), required=False,
                                       min_value=1, max_value=100000)
    chair = forms.ModelChoiceField(label=_("Chủ trì"), queryset=Person.objects.none(),
                                   required=False, empty_label=_("— Chưa chọn —"))
    co_chair = forms.ModelChoiceField(label=_("Đồng chủ trì (đại diện Thường trực HĐND)"),
                                      queryset=Person.objects.none(), required=False,
                                      empty_label=_("— Chưa chọn —"))
    secretary = forms.ModelChoiceField(label=_("Thư ký"), queryset=Person.objects.none(),
                                       required=False, empty_label=_("— Chưa chọn —"))
    villages = forms.ModelMultipleChoiceField(
        label=_("Thôn, tổ dân phố tham gia"), queryset=Village.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Không chọn thôn nào: toàn xã. Xã lớn có thể tổ chức theo cụm thôn."))
    topics = forms.CharField(label=_("Nội dung trọng tâm"), required=False,
                             widget=forms.Textarea(attrs={"rows": 5}))
    speaker_minutes = forms.IntegerField(label=_("Thời gian mỗi lượt phát biểu (phút)"),
                                         min_value=1, max_value=60, initial=5)
    confirmed = forms.BooleanField(
        label=_("Tôi đã xem cảnh báo và vẫn giữ thay đổi này"), required=False)

    def __init__(self, *args, agency: Agency, conference: Conference | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(agency=agency).select_related("unit").order_by(
            "full_name")
        for name, allowed in (("chair", CHAIR_Q), ("co_chair", CO_CHAIR_Q),
                              ("secretary", SECRETARY_Q)):
            current = getattr(conference, f"{name}_id", None) if conference else None
            # The person already chosen stays selectable, even outside today's list.
            self.fields[name].queryset = people.filter(
                allowed | Q(pk=current) if current else allowed)
            self.fields[name].label_from_instance = _person_label
        self.fields["villages"].queryset = Village.objects.filter(
            agency=agency, is_active=True).order_by("order", "name")

    def clean(self):
        data = super().clean()
        if data.get("mode") in (Mode.ONLINE, Mode.HYBRID) and not data.get("online_link"):
            self.add_error("online_link", _("Hình thức trực tuyến cần có đường dẫn để đại "
                                            "biểu tham gia."))
        return data

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {name: d.get(name) for name in (
            "title", "held_on", "starts_at", "venue", "mode", "online_link", "hall_capacity",
            "chair", "co_chair", "secretary", "topics", "speaker_minutes")} | {
            "online_link": d.get("online_link") or "", "topics": d.get("topics") or ""}


def _person_label(person: Person) -> str:
    return f"{person.full_name} — {person.position}" if person.position else person.full_name


class ConferenceEditForm(ConferenceForm):
    reason = forms.CharField(
        label=_("Lý do thay đổi"), required=False, max_length=500,
        help_text=_("Bắt buộc khi giấy mời đã gửi; được lưu vào nhật ký."))
    version = forms.IntegerField(widget=forms.HiddenInput)

    @staticmethod
    def initial_for(conference: Conference) -> dict:
        initial = {name: getattr(conference, name) for name in (
            "title", "held_on", "starts_at", "venue", "mode", "online_link", "hall_capacity",
            "topics", "speaker_minutes", "version")}
        initial |= {"chair": conference.chair_id, "co_chair": conference.co_chair_id,
                    "secretary": conference.secretary_id,
                    "villages": list(conference.villages.values_list("pk", flat=True))}
        return initial


class OutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("Tóm tắt kết quả hội nghị"),
                              widget=forms.Textarea(attrs={"rows": 5}))
    attendance = forms.IntegerField(label=_("Số người dự"), min_value=0, required=False,
                                    help_text=_("Mặc định: số người đã điểm danh."))
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConclusionForm(SignedIssueForm):
    """The conclusion notice is numbered by the register when it is issued, once signed."""

    concluded_on = forms.DateField(label=_("Ngày ký thông báo"), widget=DATE,
                                   help_text=_("Số thông báo do sổ văn bản cấp khi ban hành."))
    conclusion = forms.CharField(label=_("Nội dung kết luận"),
                                 widget=forms.Textarea(attrs={"rows": 6}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    field_order = ["concluded_on", "conclusion", "da_ky", "version"]


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class MilestoneDoneForm(forms.Form):
    proof = forms.CharField(
        label=_("Minh chứng"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Số văn bản, nơi niêm yết hoặc đăng tải, người nhận, …"))
    done_on = forms.DateField(label=_("Ngày hoàn thành"), required=False, widget=DATE,
                              help_text=_("Để trống: hôm nay."))


class MilestoneUndoForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy xác nhận"), max_length=500)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Nội dung"), max_length=300)
    presenter = forms.CharField(label=_("Người trình bày"), max_length=200, required=False)
    minutes = forms.IntegerField(label=_("Thời lượng (phút)"), min_value=1, max_value=600,
                                 initial=10)
