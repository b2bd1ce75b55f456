"""What a citizen is told when a complaint or denunciation goes to its procedure: the body,
the form and the law's time limits (docs/law.md#complaints-and-denunciations)."""

import pytest

from doithoai.core import procedure_guidance as pg
from doithoai.core.petition_flow import COMPLAINT, DENUNCIATION


def test_a_complaint_is_told_where_how_and_the_laws_time_limits():
    text = pg.note(COMPLAINT)
    assert "Luật Khiếu nại năm 2011" in text
    assert "Chủ tịch Ủy ban nhân dân xã" in text and "đơn khiếu nại" in text
    assert "gửi khiếu nại trong 90 ngày (Điều 9" in text
    assert "thụ lý trong 10 ngày (Điều 27)" in text
    assert "giải quyết lần đầu trong 30 ngày (Điều 28; vụ việc phức tạp 45 ngày" in text
    assert "không trả lời" in text


def test_a_denunciation_is_told_its_limits_and_that_the_denouncer_is_kept_secret():
    text = pg.note(DENUNCIATION)
    assert "Luật Tố cáo năm 2018" in text and "đơn tố cáo" in text
    assert "trong 7 ngày làm việc (Điều 24)" in text
    assert "trong 30 ngày (Điều 30" in text
    assert "giữ bí mật" in text


def test_the_chairs_remark_is_guidance_not_an_answer():
    text = pg.note(COMPLAINT, "  Bà  mang đơn đến  bộ phận một cửa ")
    assert text.endswith("Chủ trì hướng dẫn thêm: Bà mang đơn đến bộ phận một cửa")
    assert "Trả lời" not in text
    assert pg.note(COMPLAINT, "   ") == pg.note(COMPLAINT)


def test_only_the_procedure_kinds_have_guidance():
    with pytest.raises(KeyError):
        pg.guidance_for("opinion")
