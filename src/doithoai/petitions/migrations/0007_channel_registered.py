from django.db import migrations, models


class Migration(migrations.Migration):
    """A channel for those who registered to speak at a conference and were not heard."""

    dependencies = [
        ('petitions', '0006_default_fields_for_every_agency'),
    ]

    operations = [
        migrations.AlterField(
            model_name='intakebatch',
            name='channel',
            field=models.CharField(choices=[('survey_form', 'Phiếu lấy ý kiến qua thôn'), ('front_summary', 'Tổng hợp của Mặt trận'), ('office', 'Gửi Văn phòng bằng văn bản'), ('online', 'Gửi trực tuyến'), ('conference', 'Phát biểu tại hội nghị'), ('hotline', 'Đường dây nóng'), ('inspectorate', 'Danh sách của Thanh tra'), ('registered', 'Đăng ký phát biểu tại hội nghị, chưa được trình bày')], max_length=20, verbose_name='kênh'),
        ),
        migrations.AlterField(
            model_name='petition',
            name='channel',
            field=models.CharField(choices=[('survey_form', 'Phiếu lấy ý kiến qua thôn'), ('front_summary', 'Tổng hợp của Mặt trận'), ('office', 'Gửi Văn phòng bằng văn bản'), ('online', 'Gửi trực tuyến'), ('conference', 'Phát biểu tại hội nghị'), ('hotline', 'Đường dây nóng'), ('inspectorate', 'Danh sách của Thanh tra'), ('registered', 'Đăng ký phát biểu tại hội nghị, chưa được trình bày')], max_length=20, verbose_name='kênh tiếp nhận'),
        ),
    ]
