"""Telephone numbers as citizens write them, and what the public pages show of people."""

import pytest

from doithoai.core.phone import mask_phone, normalise_phone
from doithoai.public.privacy import mask_name


@pytest.mark.parametrize("typed,stored", [
    ("0912345678", "0912345678"),
    ("0912 345 678", "0912345678"),
    ("0912.345.678", "0912345678"),
    ("+84 912 345 678", "0912345678"),
    ("+84912345678", "0912345678"),
    ("0386 123 456", "0386123456"),
    ("0205 3870 123", "02053870123"),       # landline: 02 + area code + subscriber
    ("+84 24 3825 1234", "02438251234"),
    ("0912-345-678", "0912345678"),
])
def test_vietnamese_numbers_are_accepted_as_digits(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", [
    "", "0912 345 67", "091234567890", "1912345678", "0412345678", "0112345678",
    "+1 212 555 0100", "+84 0912 345 678", "84+912345678", "(0912) 345 678", "0912/345/678",
    "0912 345 678 ext 2", "０９１２３４５６７８", "020 5387 012",
])
def test_everything_else_is_refused(typed):
    assert normalise_phone(typed) is None


def test_phones_are_masked_to_first_two_and_last_three_digits():
    assert mask_phone("0912345678") == "09xx xxx 678"
    assert mask_phone("0912 345 678") == "09xx xxx 678"
    assert mask_phone("02053870123") == "02xx xxxx 123"
    assert mask_phone("") == ""
    assert mask_phone("113") == "xxx"


@pytest.mark.parametrize("full,shown", [
    ("Hoàng Văn An", "Hoàng V. A."),
    ("Nguyễn Thị Minh Khai", "Nguyễn T. M. K."),
    ("  Đinh   đức  ", "Đinh Đ."),
    ("Sùng", "S."),
    ("", ""),
])
def test_names_are_shortened_to_initials(full, shown):
    assert mask_name(full) == shown
