"""The kind a petition's words suggest."""

import pytest

from doithoai.core.kind_hints import COMPLAINT, DENUNCIATION, suggested_kind


@pytest.mark.parametrize(("text", "kind"), [
    ("Tôi tố cáo trưởng thôn thu tiền trái phép", DENUNCIATION),
    ("TO CAO can bo dia chinh", DENUNCIATION),
    ("xin tố\ncáo việc lấn chiếm", DENUNCIATION),
    ("tố giác hành vi nhận tiền", DENUNCIATION),
    ("Khiếu nại quyết định thu hồi đất", COMPLAINT),
    ("khieu nai ve boi thuong", COMPLAINT),
    ("đơn khiếu lại về đền bù", COMPLAINT),
    ("khiếu kiện kéo dài", COMPLAINT),
    ("Tố cáo và khiếu nại cùng lúc", DENUNCIATION),  # confidentiality wins
    ("tocao", DENUNCIATION),  # typed in a hurry, without the space
])
def test_the_words_suggest_the_kind(text, kind):
    assert suggested_kind(text) == kind


@pytest.mark.parametrize("text", [
    "", "Đề nghị sửa đường liên thôn", "tường nhà văn hóa tô cao quá",  # marks typed: not tố cáo
    "mức khiêu vũ", "cao tốc",
])
def test_no_kind_without_the_words(text):
    assert suggested_kind(text) is None
