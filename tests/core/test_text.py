"""The small rules of writing a sentence, shared by the documents and the minutes."""

from doithoai.core.text import list_items, lower_first, sentence, sentences


def test_sentence_ends_with_a_full_stop_unless_punctuated():
    assert sentence("Sửa đường thôn Nà Pàn") == "Sửa đường thôn Nà Pàn."
    assert sentence("  Sửa đường  ") == "Sửa đường."
    for ending in ".;:!?…)":
        assert sentence(f"Nội dung{ending}") == f"Nội dung{ending}"
    assert sentence("") == ""
    assert sentence("   ") == ""
    assert sentence(None) == ""


def test_list_items_drop_bullets_and_blank_lines():
    typed = "- Một\n\n• Hai \n  + Ba\n*\n–  Bốn"
    assert list_items(typed) == ["Một", "Hai", "Ba", "Bốn"]
    assert list_items("") == []
    assert list_items(None) == []
    assert list_items("Không gạch đầu dòng - ở giữa") == ["Không gạch đầu dòng - ở giữa"]


def test_sentences_are_items_ending_as_sentences():
    assert sentences("- Một\n- Hai;\n\n- Ba?") == ["Một.", "Hai;", "Ba?"]
    assert sentences(None) == []


def test_lower_first_puts_a_title_inside_a_sentence():
    assert lower_first("Hội nghị đối thoại năm 2026.") == "hội nghị đối thoại năm 2026"
    assert lower_first("  Ủy ban nhân dân xã ") == "ủy ban nhân dân xã"
    assert lower_first("") == ""
    assert lower_first(None) == ""
