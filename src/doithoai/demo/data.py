"""The demo organisation as plain data (kept apart from the code that loads it)."""

DEMO_PASSWORD = "doithoai-demo-2026"

PROVINCE = {
    "code": "ubnd-tinh-lang-son", "name": "Ủy ban nhân dân tỉnh Lạng Sơn", "admin_unit": "20",
    "header_issuer": "ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN", "place_name": "Lạng Sơn",
    "address": "Số 2 đường Hoàng Văn Thụ, phường Lương Văn Tri, tỉnh Lạng Sơn",
}

COMMUNES = [
    {
        "code": "ubnd-xa-diem-he", "name": "Ủy ban nhân dân xã Điềm He", "admin_unit": "06280",
        "header_issuer": "ỦY BAN NHÂN DÂN / XÃ ĐIỀM HE", "place_name": "Điềm He",
        "address": "Thôn Bản Chu, xã Điềm He, tỉnh Lạng Sơn", "phone": "0205 3831 234",
        "units": [
            # (code, name, short name, kind, parent code)
            ("dang-uy", "Đảng ủy xã", "ĐU", "party", None),
            ("hdnd", "Thường trực Hội đồng nhân dân xã", "HĐND", "council", None),
            ("van-phong", "Văn phòng HĐND và UBND xã", "VP", "office", None),
            ("kinh-te", "Phòng Kinh tế", "KT", "department", None),
            ("van-hoa-xa-hoi", "Phòng Văn hóa - Xã hội", "VHXH", "department", None),
            ("pvhcc", "Trung tâm Phục vụ hành chính công xã", "PVHCC", "service", None),
            ("dvci", "Trung tâm Dịch vụ công ích xã", "DVCI", "service", None),
            ("tram-y-te", "Trạm Y tế xã", "TYT", "health", None),
            ("cong-an", "Công an xã", "CA", "police", None),
            ("quan-su", "Ban Chỉ huy Quân sự xã", "QS", "military", None),
            ("mn-diem-he", "Trường Mầm non Điềm He", "MN", "school", None),
            ("th-diem-he", "Trường Tiểu học Điềm He", "TH", "school", None),
            ("thcs-diem-he", "Trường THCS Điềm He", "THCS", "school", None),
            ("mttq", "Ủy ban MTTQ Việt Nam xã", "MTTQ", "front", None),
            ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ xã", "HPN", "mass", "mttq"),
            ("doan-thanh-nien", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", "ĐTN", "mass", "mttq"),
            ("hoi-nong-dan", "Hội Nông dân xã", "HND", "mass", "mttq"),
            ("hoi-ccb", "Hội Cựu chiến binh xã", "CCB", "mass", "mttq"),
            ("kiem-lam", "Hạt Kiểm lâm khu vực Văn Quan", "KL", "external", None),
        ],
        "villages": [
            # (name, households, village head)
            ("Thôn Bản Chu", 142, "Hoàng Văn Pản"),
            ("Thôn Nà Pàn", 118, "Lương Văn Khiêm"),
            ("Thôn Bản Thẳm", 96, "Vi Văn Thuận"),
            ("Thôn Khòn Pát", 87, "Nông Thị Lan"),
            ("Thôn Bản Giàng", 104, "Chu Văn Đạt"),
            ("Thôn Nà Hu", 75, "Hoàng Văn Sinh"),
            ("Thôn Pác Lùng", 91, "Lộc Văn Tường"),
            ("Thôn Kéo Coong", 68, "Triệu Văn Phúc"),
            ("Thôn Bản Chặng", 123, "Lăng Văn Hải"),
            ("Thôn Nà Lầu", 84, "Mã Thị Xuân"),
            ("Thôn Khun Khoang", 59, "Vy Văn Quyết"),
            ("Thôn Lùng Vài", 110, "Hà Văn Nghĩa"),
        ],
        "people": [
            # (full name, position, unit code)
            ("Lý Thị Dương", "Chủ tịch UBND xã", "van-phong"),
            ("Hoàng Văn Tuấn", "Phó Chủ tịch UBND xã", "van-phong"),
            ("Vi Thị Hằng", "Phó Chủ tịch UBND xã", "van-phong"),
            ("Lương Văn Thành", "Chánh Văn phòng HĐND và UBND xã", "van-phong"),
            ("Nông Việt Dũng", "Chuyên viên Văn phòng HĐND và UBND xã", "van-phong"),
            ("Hà Thị Thu", "Kế toán Văn phòng HĐND và UBND xã", "van-phong"),
            ("Hoàng Văn Lực", "Trưởng phòng Kinh tế", "kinh-te"),
            ("Chu Thị Mai", "Chuyên viên Phòng Kinh tế (đất đai, xây dựng)", "kinh-te"),
            ("Lăng Thị Hoa", "Trưởng phòng Văn hóa - Xã hội", "van-hoa-xa-hoi"),
            ("Triệu Văn Hưng", "Chuyên viên Phòng Văn hóa - Xã hội", "van-hoa-xa-hoi"),
            ("Nguyễn Văn Hùng", "Trưởng Công an xã", "cong-an"),
            ("Hoàng Văn Chiến", "Chỉ huy trưởng Ban Chỉ huy Quân sự xã", "quan-su"),
            ("Lộc Thị Nga", "Trạm trưởng Trạm Y tế xã", "tram-y-te"),
            ("Vy Văn Sơn", "Chủ tịch Ủy ban MTTQ Việt Nam xã", "mttq"),
            ("Mông Thị Hạnh", "Chủ tịch Hội Liên hiệp Phụ nữ xã", "hoi-phu-nu"),
            ("Hoàng Thị Nguyệt", "Phó Chủ tịch HĐND xã", "hdnd"),
            ("Dương Văn Hòa", "Giám đốc Trung tâm Dịch vụ công ích xã", "dvci"),
            ("Đinh Văn Toàn", "Hạt trưởng Hạt Kiểm lâm khu vực Văn Quan", "kiem-lam"),
        ],
        "accounts": [
            # (username, full name, role, unit code or village name, title)
            ("vanphong", "Nông Việt Dũng", "clerk", None, "Chuyên viên Văn phòng"),
            ("chutich", "Lý Thị Dương", "leader", None, "Chủ tịch UBND xã"),
            ("phochutich", "Hoàng Văn Tuấn", "leader", None, "Phó Chủ tịch UBND xã"),
            ("kinhte", "Chu Thị Mai", "unit_officer", "kinh-te", "Chuyên viên Phòng Kinh tế"),
            ("mattran", "Vy Văn Sơn", "front_officer", None, "Chủ tịch Ủy ban MTTQ xã"),
            ("truongthon", "Lương Văn Khiêm", "village_head", "Thôn Nà Pàn", "Trưởng thôn"),
            ("giamsat", "Hoàng Thị Nguyệt", "supervisor", None, "Phó Chủ tịch HĐND xã"),
        ],
    },
    {
        "code": "ubnd-xa-van-quan", "name": "Ủy ban nhân dân xã Văn Quan", "admin_unit": "06253",
        "header_issuer": "ỦY BAN NHÂN DÂN / XÃ VĂN QUAN", "place_name": "Văn Quan",
        "address": "Xã Văn Quan, tỉnh Lạng Sơn",
        "units": [
            ("van-phong", "Văn phòng HĐND và UBND xã", "VP", "office", None),
            ("kinh-te", "Phòng Kinh tế", "KT", "department", None),
            ("van-hoa-xa-hoi", "Phòng Văn hóa - Xã hội", "VHXH", "department", None),
            ("mttq", "Ủy ban MTTQ Việt Nam xã", "MTTQ", "front", None),
        ],
        "villages": [
            ("Thôn Bản Cảm", 130, "Hoàng Văn Minh"),
            ("Thôn Nà Thín", 98, "Lương Thị Hiền"),
            ("Thôn Phai Trần", 77, "Vi Văn Long"),
        ],
        "people": [
            ("Hoàng Thị Thủy", "Chủ tịch UBND xã", "van-phong"),
            ("Nông Văn Bình", "Công chức Văn phòng HĐND và UBND xã", "van-phong"),
        ],
        "accounts": [
            ("vanphong.vanquan", "Nông Văn Bình", "clerk", None, "Công chức Văn phòng"),
        ],
    },
]

PROVINCE_ACCOUNTS = [
    ("tinh", "Phan Thị Thanh Hương", "overseer", "Chuyên viên Sở Nội vụ tỉnh Lạng Sơn"),
]
ADMIN_ACCOUNT = ("quantri", "Quản trị hệ thống")
