"""How the documents and the minutes name an official."""

from doithoai.org.models import Person


def test_name_and_position():
    person = Person(full_name=" Lý Thị Dương ", position=" Chủ tịch UBND xã ")
    assert person.name_and_position == "Lý Thị Dương, Chủ tịch UBND xã"


def test_no_position_no_comma():
    assert Person(full_name="Lý Thị Dương", position="").name_and_position == "Lý Thị Dương"


def test_no_name_nothing():
    assert Person(full_name="  ", position="Chủ tịch UBND xã").name_and_position == ""
