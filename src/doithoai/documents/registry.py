"""The registry of document kinds, in the order pages list them: each kind's module declares
its `KIND` (see `documents.kinds`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from doithoai.documents.kinds import (
    Kind,
    bao_cao_ket_qua,
    bao_cao_nam,
    bao_cao_tong_hop,
    bien_ban,
    cong_van_don_doc,
    cong_van_tra_loi,
    giay_moi,
    ke_hoach,
    phieu_dang_ky_phat_bieu,
    phieu_lay_y_kien,
    thong_bao,
    thong_bao_ket_luan,
    thong_bao_truyen_thanh,
)
from doithoai.documents.models import register_code

KINDS: dict[str, Kind] = {kind.code: kind for kind in (
    ke_hoach.KIND,
    giay_moi.KIND,
    giay_moi.ONE_KIND,
    thong_bao.KIND,
    thong_bao_truyen_thanh.KIND,
    thong_bao_ket_luan.KIND,
    bao_cao_tong_hop.KIND,
    bien_ban.KIND,
    phieu_lay_y_kien.KIND,
    phieu_dang_ky_phat_bieu.KIND,
    cong_van_tra_loi.KIND,
    cong_van_don_doc.KIND,
    bao_cao_ket_qua.KIND,
    bao_cao_nam.KIND,
)}


def kind_of(code: str) -> Kind:
    try:
        return KINDS[code]
    except KeyError as exc:
        raise ValidationError(_("Không có loại văn bản này.")) from exc


def source_label(obj: Model) -> str:
    return obj._meta.label_lower


def kinds_for(obj: Model) -> list[Kind]:
    """The kinds of document made from this object's model, in the registry's order."""
    label = source_label(obj)
    return [k for k in KINDS.values() if k.source == label]


def register_codes() -> list[str]:
    """The registers documents are numbered in: the kinds' abbreviations, then CV."""
    codes = {register_code(k.abbreviation) for k in KINDS.values() if k.numbered}
    return sorted(codes)
