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
    ("tố cao cán bộ xã thu tiền", DENUNCIATION),  # one word without its marks
    ("tôi to cáo cán bộ", DENUNCIATION),
    ("tô cáo cán bộ", DENUNCIATION),  # a mark missing, none wrong, one word right
    ("Đơn tố-cáo việc lấn chiếm", DENUNCIATION),  # a hyphen
    ("khiếu-nại về đền bù", COMPLAINT),
    ("t\u043e cáo cán bộ", DENUNCIATION),  # a Cyrillic о
    ("khiếu nai quyết định thu hồi", COMPLAINT),
])
def test_the_words_suggest_the_kind(text, kind):
    assert suggested_kind(text) == kind


@pytest.mark.parametrize("text", [
    "", "Đề nghị sửa đường liên thôn", "tường nhà văn hóa tô cao quá",  # marks typed: not tố cáo
    "mức khiêu vũ", "cao tốc", "tô cao tường rào",  # no word typed right
    "tổ cáo",  # a wrong mark

])
def test_no_kind_without_the_words(text):
    assert suggested_kind(text) is None
