"""Names kept out of public text, however they were typed."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doithoai.core.redaction import initials, mask_names
from doithoai.core.skeleton import skeleton

KNOWN = ["Hoàng Văn An"]


@pytest.mark.parametrize(("text", "public"), [
    ("Ông Hùng khiếu nại về đất", "Ông H. khiếu nại về đất"),
    ("Bà Mã Thị Sinh khiếu nại việc thu hồi", "Bà M. T. S. khiếu nại việc thu hồi"),
    ("ý kiến của cô Lan, thôn Nà Lầu", "ý kiến của cô L., thôn Nà Lầu"),
    ("Ông Nguyễn Văn Bình, Trưởng thôn", "Ông N. V. B., Trưởng thôn"),
    ("Bà Mã Thị\nSinh khiếu nại", "Bà M. T. S. khiếu nại"),  # split by a line break
    ("ong Hung to cao can bo", "ong H. to cao can bo"),  # typed without marks
    # a woman of the Triệu family, not the street named after the heroine
    ("Bà Triệu Thị Pết khiếu nại việc thu hồi đất", "Bà T. T. P. khiếu nại việc thu hồi đất"),
    ("Bác Hồ Văn Tủa ở thôn Nà Pàn", "Bác H. V. T. ở thôn Nà Pàn"),
    ("ông Phó Đức Chính phản ánh", "ông P. Đ. C. phản ánh"),  # Phó, a family name
])
def test_a_word_of_address_before_a_name_masks_the_name(text, public):
    assert mask_names(text).text == public


@pytest.mark.parametrize("text", [
    "gửi ông Chủ tịch UBND xã",  # a post, not a name
    "ông Phó trưởng Công an xã trả lời",
    "bà Phó Chủ tịch UBND xã",
    "đường Bà Triệu bị ngập",  # a street named after a heroine
    "tỉnh Bà Rịa - Vũng Tàu",
    "học tập theo gương Bác Hồ Chí Minh",
    "chi Hội Nông dân thôn",  # "chi" (a branch) is not "chị" when marks are typed
    "anh em trong thôn",
    "Bà con Thôn Bản đề nghị",
])
def test_posts_places_and_plain_words_are_left_alone(text):
    assert mask_names(text).text == text
    assert not mask_names(text).changed


@pytest.mark.parametrize("name", [
    "Hoàng Văn An",
    "Hoang Van An",  # without marks
    "HOÀNG VĂN AN",  # capitals
    "Hoàng Văn\nAn",  # a line break inside
    "H\u043eàng Văn An",  # a Cyrillic о
    "Hoàng\u200bVăn An",  # a zero-width space for a space
    "Hoa\u0300ng Văn An",  # decomposed marks
])
def test_a_known_name_is_found_however_it_was_typed(name):
    masked = mask_names(f"{name} phản ánh", KNOWN)
    assert masked.text == "H. V. A. phản ánh"
    typed = unicodedata.normalize("NFC", name)
    assert [(m.original, m.masked) for m in masked.maskings] == [(typed, "H. V. A.")]


def test_a_known_name_typed_in_lower_case_without_marks_among_marked_words():
    # The staff typed the rest with marks, the name without: still the person.
    masked = mask_names("Giao Văn phòng làm việc với chị hoang van an về hồ sơ.", KNOWN)
    assert masked.text == "Giao Văn phòng làm việc với chị H. V. A. về hồ sơ."


def test_the_staff_see_what_was_masked():
    masked = mask_names("Ông Hùng và bà Lan cùng ký đơn", ())
    assert [(m.original, m.masked) for m in masked.maskings] == [("Hùng", "H."), ("Lan", "L.")]


def test_a_name_inside_a_longer_word_is_not_a_name():
    assert mask_names("Thanh An", ["An"]).text == "Thanh A."
    assert mask_names("Anh Tuấn", ["An"]).text == "Anh T."  # "An" inside "Anh" untouched


def test_initials():
    assert initials("Mã Thị Sinh") == "M. T. S."
    assert initials("đặng văn ân") == "Đ. V. Â."


names = st.lists(st.sampled_from(["Hoàng", "Văn", "An", "Mã", "Thị", "Sinh", "Lò", "Đức"]),
                 min_size=2, max_size=4).map(" ".join)
fillers = st.sampled_from(["", "Ý kiến của ", "gửi\n", "Kính gửi: ", "thôn Nà Lầu, "])


@given(name=names, before=fillers, after=fillers, upper=st.booleans())
def test_no_known_name_survives(name, before, after, upper):
    typed = name.upper() if upper else name
    public = mask_names(f"{before}{typed} {after}", [name]).text
    assert skeleton(name).folded not in skeleton(public).folded


@pytest.mark.parametrize(("text", "names"), [
    ("Nội dung 0", ["Dũng"]),  # "dung" is not the name "Dũng" when marks are typed
    ("đảm bảo an toàn giao thông", ["An"]),
    ("cây cầu sinh hoạt chung", ["Mã Thị Sinh"]),
])
def test_a_common_word_with_a_names_letters_is_not_masked(text, names):
    assert mask_names(text, names).text == text


@pytest.mark.parametrize(("text", "public"), [
    ("ông dũng và bà mã thị sinh đã ký", "ông D. và bà M. T. S. đã ký"),  # the same marks
    ("Dung phản ánh việc thu tiền", "D. phản ánh việc thu tiền"),  # a capital, no marks
    ("dung phan anh viec thu tien", "D. phan anh viec thu tien"),  # no marks anywhere
    ("Mа Thi\nSinh phản ánh", "M. T. S. phản ánh"),  # Cyrillic а, no marks, a line break
])
def test_a_known_name_written_otherwise_is_still_masked(text, public):
    assert mask_names(text, ["Dũng", "Sinh", "Mã Thị Sinh"]).text == public


@pytest.mark.parametrize(("text", "public"), [
    ("Trả lời bà Mai: đường sẽ được sửa", "Trả lời bà M.: đường sẽ được sửa"),
    ("chị Hằng tố cáo", "chị H. tố cáo"),
    ("Cảm ơn bà Hà Thị Mai.", "Cảm ơn bà H. T. M."),  # one full stop, not two
])
def test_a_known_persons_given_name_after_a_word_of_address(text, public):
    """Known names only (a record that names others): the person as the hall calls her."""
    masked = mask_names(text, ["Hà Thị Mai", "Vi Thị Hằng"], addressed=False)
    assert masked.text == public


def test_known_names_only_leaves_other_people_named():
    text = "Ông Nông Văn Sáng và bà Hà Thị Mai cùng đề nghị"
    assert mask_names(text, ["Hà Thị Mai"], addressed=False).text == (
        "Ông Nông Văn Sáng và bà H. T. M. cùng đề nghị")


@given(st.text(alphabet="ÔôBbàÀaHhMmiịTtSsáng .\n", max_size=40))
def test_masking_twice_changes_nothing(text):
    once = mask_names(text, ["Hà Thị Mai", "Sáng"]).text
    assert mask_names(once, ["Hà Thị Mai", "Sáng"]).text == once


SECRET = ["Hoàng Văn Sơn"]  # a denouncer: not even his initials (in a commune they name him)


@pytest.mark.parametrize(("text", "public"), [
    ("Giao Công an xã xác minh nội dung ông Hoàng Văn Sơn tố cáo.",
     "Giao Công an xã xác minh nội dung một công dân tố cáo."),
    ("Ông Hoàng Văn Sơn tố cáo cán bộ. Ông Sơn đề nghị giữ bí mật.",
     "Một công dân tố cáo cán bộ. Một công dân đề nghị giữ bí mật."),
    ("Hoàng Văn Sơn tố cáo", "Một công dân tố cáo"),  # no word of address
    ("Kết luận:\nông Sơn được trả lời", "Kết luận:\nMột công dân được trả lời"),
    ("hoang van son to cao ong Tuan", "Một công dân to cao ong T."),  # without marks
    ("Trả lời ong Hoang Van Son sau.", "Trả lời một công dân sau."),  # "ong" among marks
    ("Ông Hoàng Văn Sơn và bà Hà Thị Mai", "Một công dân và bà H. T. M."),
])
def test_a_person_never_to_be_named_becomes_a_citizen(text, public):
    masked = mask_names(text, ["Hà Thị Mai"], unnamed=SECRET)
    assert masked.text == public
    assert all(m.masked.casefold() == "một công dân" for m in masked.maskings
               if "s" in m.original.casefold())


def test_a_name_both_known_and_never_to_be_named_is_never_named():
    masked = mask_names("Trả lời ông Hoàng Văn Sơn.", SECRET, unnamed=SECRET, addressed=False)
    assert masked.text == "Trả lời một công dân."
    assert [(m.original, m.masked) for m in masked.maskings] == [
        ("ông Hoàng Văn Sơn", "một công dân")]


def test_the_stand_in_is_given_in_the_readers_language():
    assert mask_names("Hỏi ông Sơn", unnamed=SECRET, stand_in="a citizen").text == (
        "Hỏi a citizen")


@given(name=names, before=fillers, after=fillers, upper=st.booleans())
def test_no_initial_of_a_person_never_to_be_named_survives(name, before, after, upper):
    typed = name.upper() if upper else name
    public = mask_names(f"{before}{typed} {after}", unnamed=[name]).text
    assert skeleton(name).folded not in skeleton(public).folded
    assert initials(name) not in public
