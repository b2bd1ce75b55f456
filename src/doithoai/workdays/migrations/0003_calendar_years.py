"""Year confirmations: 2024, 2025 and 2026 are confirmed (their official swaps are shipped in
0002); later years stay unconfirmed until a system administrator confirms them.

The bases are worded generically: the document numbers are not repeated here (0002's notes
say what could and could not be checked).
"""

import django.db.models.deletion
from django.utils import timezone
from django.conf import settings
from django.db import migrations, models


SHIPPED_NOTE = (
    "Xác nhận sẵn khi cài đặt: các ngày hoán đổi chính thức của năm được phát hành cùng phần "
    "mềm (xem các ngày điều chỉnh của năm)."
)
CONFIRMED = {
    2024: (
        "Các văn bản của Chính phủ và Bộ Lao động - Thương binh và Xã hội công bố lịch nghỉ lễ, "
        "Tết năm 2024 đối với cán bộ, công chức, viên chức (hoán đổi ngày làm việc dịp 30/4 và "
        "1/5)."
    ),
    2025: (
        "Các văn bản của Chính phủ và Bộ Lao động - Thương binh và Xã hội công bố lịch nghỉ lễ, "
        "Tết năm 2025 đối với cán bộ, công chức, viên chức (hoán đổi ngày làm việc dịp 30/4 và "
        "1/5)."
    ),
    2026: (
        "Các thông báo của Bộ Nội vụ về lịch nghỉ lễ, Tết năm 2026 đối với cán bộ, công chức, "
        "viên chức (hoán đổi ngày làm việc dịp Tết Dương lịch và Quốc khánh 2/9)."
    ),
}


def ship(apps, schema_editor):
    db = schema_editor.connection.alias  # the database being migrated
    CalendarYear = apps.get_model("workdays", "CalendarYear")
    now = timezone.now()
    for year, basis in CONFIRMED.items():
        CalendarYear.objects.using(db).get_or_create(
            year=year,
            defaults={"confirmed_at": now, "legal_basis": basis, "note": SHIPPED_NOTE},
        )


def unship(apps, schema_editor):
    db = schema_editor.connection.alias  # the database being migrated
    # The table is dropped right after; nothing to keep.
    pass


class Migration(migrations.Migration):

    dependencies = [
        ('workdays', '0002_official_swaps'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CalendarYear',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(unique=True, verbose_name='năm')),
                ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='xác nhận lúc')),
                ('legal_basis', models.TextField(blank=True, help_text='Văn bản công bố lịch nghỉ lễ, Tết và các ngày hoán đổi của năm.', verbose_name='văn bản công bố')),
                ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('confirmed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người xác nhận')),
            ],
            options={
                'verbose_name': 'xác nhận lịch năm',
                'verbose_name_plural': 'xác nhận lịch năm',
                'ordering': ['year'],
            },
        ),
        migrations.RunPython(ship, unship),
    ]
