"""The default fields (lĩnh vực), docs/law.md#default-fields: codes are stable, names editable
per agency."""

DEFAULT_FIELDS = (
    ("dat-dai", "Đất đai"),
    ("moi-truong", "Tài nguyên và môi trường"),
    ("giao-thong", "Giao thông"),
    ("xay-dung", "Xây dựng, quy hoạch và đô thị"),
    ("dien-nuoc", "Điện, nước sạch và chiếu sáng"),
    ("nong-nghiep", "Nông nghiệp, thủy lợi và lâm nghiệp"),
    ("y-te", "Y tế"),
    ("giao-duc", "Giáo dục và đào tạo"),
    ("van-hoa", "Văn hóa, thông tin và thể thao"),
    ("chinh-sach-xa-hoi", "Lao động và chính sách xã hội"),
    ("an-ninh-trat-tu", "Quốc phòng, an ninh và trật tự"),
    ("tu-phap-ho-tich", "Tư pháp, hộ tịch và cư trú"),
    ("hanh-chinh", "Chính quyền, cán bộ và thủ tục hành chính"),
    ("kinh-te-tai-chinh", "Kinh tế, tài chính và ngân sách"),
    ("khac", "Khác"),
)
