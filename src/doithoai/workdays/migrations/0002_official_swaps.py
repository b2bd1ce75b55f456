"""The official civil-servant swaps of 2024–2026, shipped as data
(docs/law.md#official-civil-servant-calendar).

holidays.VN 0.109 has the weekday off of most swaps but none of the Saturdays worked, and
lacks the 2/1/2026 ↔ 10/1/2026 swap. Both halves of every swap are shipped, so that each
date shows its legal basis and the calendar does not depend on the package for them.
24/11/2026 (Ngày Văn hóa Việt Nam) is shipped switched off: its enactment is unverified.

Document numbers are deliberately not given where they could not be checked; the notes say
what the `holidays` package cites as its source.
"""

import datetime as dt

from django.db import migrations

D = dt.date

BASIS_2024 = (
    "Văn bản của Văn phòng Chính phủ đồng ý phương án hoán đổi ngày làm việc dịp nghỉ lễ "
    "Ngày Chiến thắng 30/4 và Ngày Quốc tế Lao động 1/5 năm 2024 đối với cán bộ, công chức, "
    "viên chức, theo đề nghị của Bộ Lao động - Thương binh và Xã hội."
)
NOTE_2024 = (
    "Gói holidays 0.109 dẫn nguồn: Công văn 2450/VPCP-KGVX năm 2024 "
    "(chưa đối chiếu với bản gốc)."
)
BASIS_2025 = (
    "Thông báo của Bộ Lao động - Thương binh và Xã hội về lịch nghỉ lễ, Tết năm 2025 đối với "
    "cán bộ, công chức, viên chức (hoán đổi ngày làm việc dịp 30/4 và 1/5)."
)
NOTE_2025 = (
    "Gói holidays 0.109 dẫn nguồn: Thông báo 6150/TB-BLĐTBXH năm 2024 "
    "(chưa đối chiếu với bản gốc)."
)
BASIS_2026_NEW_YEAR = (
    "Thông báo của Bộ Nội vụ về lịch nghỉ Tết Dương lịch năm 2026 đối với cán bộ, công chức, "
    "viên chức (hoán đổi ngày làm việc)."
)
BASIS_2026_NATIONAL_DAY = (
    "Thông báo của Bộ Nội vụ về lịch nghỉ lễ Quốc khánh 2/9 năm 2026 đối với cán bộ, công "
    "chức, viên chức (hoán đổi ngày làm việc)."
)
BASIS_CULTURAL_DAY = (
    "Nghị quyết 80-NQ/TW (tháng 01/2026) chọn ngày 24/11 là Ngày Văn hóa Việt Nam, người lao "
    "động được nghỉ hưởng lương. Văn bản quy phạm pháp luật thi hành chưa được xác minh."
)
NOTE_CULTURAL_DAY = (
    "Tắt theo mặc định. Bật khi đã có văn bản quy định ngày nghỉ này; các năm sau cần thêm "
    "từng ngày (và ngày nghỉ bù nếu 24/11 trùng Thứ Bảy, Chủ nhật)."
)

# (date, kind, reason, legal basis, enabled, note)
OVERRIDES = [
    (D(2024, 4, 29), "off", "Ngày nghỉ hoán đổi (làm bù vào Thứ Bảy 04/05/2024)",
     BASIS_2024, True, NOTE_2024),
    (D(2024, 5, 4), "work", "Ngày làm bù cho ngày nghỉ Thứ Hai 29/04/2024",
     BASIS_2024, True, NOTE_2024),
    (D(2025, 4, 26), "work", "Ngày làm bù cho ngày nghỉ Thứ Sáu 02/05/2025",
     BASIS_2025, True, NOTE_2025),
    (D(2025, 5, 2), "off", "Ngày nghỉ hoán đổi (làm bù vào Thứ Bảy 26/04/2025)",
     BASIS_2025, True, NOTE_2025),
    (D(2026, 1, 2), "off", "Ngày nghỉ hoán đổi (làm bù vào Thứ Bảy 10/01/2026)",
     BASIS_2026_NEW_YEAR, True, ""),
    (D(2026, 1, 10), "work", "Ngày làm bù cho ngày nghỉ Thứ Sáu 02/01/2026",
     BASIS_2026_NEW_YEAR, True, ""),
    (D(2026, 8, 22), "work", "Ngày làm bù cho ngày nghỉ Thứ Hai 31/08/2026",
     BASIS_2026_NATIONAL_DAY, True, ""),
    (D(2026, 8, 31), "off", "Ngày nghỉ hoán đổi (làm bù vào Thứ Bảy 22/08/2026)",
     BASIS_2026_NATIONAL_DAY, True, ""),
    (D(2026, 11, 24), "off", "Ngày Văn hóa Việt Nam",
     BASIS_CULTURAL_DAY, False, NOTE_CULTURAL_DAY),
]


def ship(apps, schema_editor):
    db = schema_editor.connection.alias  # the database being migrated
    CalendarOverride = apps.get_model("workdays", "CalendarOverride")
    for day, kind, reason, basis, enabled, note in OVERRIDES:
        # An admin may already have entered the date: theirs wins.
        CalendarOverride.objects.using(db).get_or_create(
            date=day,
            defaults={"kind": kind, "reason": reason, "legal_basis": basis,
                      "enabled": enabled, "note": note},
        )


def unship(apps, schema_editor):
    db = schema_editor.connection.alias  # the database being migrated
    CalendarOverride = apps.get_model("workdays", "CalendarOverride")
    for day, kind, reason, *_ in OVERRIDES:
        CalendarOverride.objects.using(db).filter(date=day, kind=kind, reason=reason).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(ship, unship)]
