"""What the demo's citizens write and what the commune answers: the matters a mountain
commune raises (topics with their field, unit, wordings and answers), complaints and
denunciations, names and places, the matters raised together, and the starting answer
templates. Drawn from by `demo.petitions` with a fixed seed."""

from __future__ import annotations

from doithoai.core.petition_flow import State

# --- what citizens write -------------------------------------------------------------------
# (topic, field code, unit code, templates, answers). Placeholders: {thon} {thon2} a village
# in running text ("thôn Nà Pàn"), {cho} a place, {km} {ha} {ho} {nam} {thang} numbers; they
# are filled in the templates only. The answers are either one text for every template or a
# list aligned with the templates (see `answer_of`), and are used as written.
TOPICS = [
    ("road", "giao-thong", "kinh-te", [
        "Đường liên thôn từ {thon} đi {thon2} dài khoảng {km} km đã xuống cấp, nhiều ổ gà, "
        "mùa mưa lầy lội, học sinh đi học rất vất vả. Đề nghị UBND xã sớm sửa chữa, bê tông "
        "hóa tuyến đường.",
        "Đoạn đường vào {thon} qua {cho} bị sạt ta luy sau trận mưa lớn, đất đá tràn ra mặt "
        "đường, xe máy đi qua rất nguy hiểm. Đề nghị xã khảo sát và khắc phục sớm.",
        "Cầu tràn {cho} ở {thon} bị ngập mỗi khi mưa to, người dân và học sinh không qua lại "
        "được. Kiến nghị xây cầu mới hoặc nâng cao mặt tràn.",
        "Nhân dân {thon} đã hiến đất, góp ngày công làm đường ngõ xóm nhưng còn thiếu xi măng. "
        "Đề nghị xã hỗ trợ xi măng theo chương trình xây dựng nông thôn mới.",
    ], [
        "Phòng Kinh tế đã phối hợp với Ban công tác Mặt trận thôn khảo sát hiện trạng. UBND xã đưa "
        "tuyến đường vào kế hoạch đầu tư công năm 2027; trước mắt tổ chức san lấp ổ gà, khơi thông "
        "rãnh thoát nước trong tháng này.",
        "Phòng Kinh tế đã kiểm tra hiện trường, cắm biển cảnh báo tại đoạn ta luy bị sạt. UBND xã "
        "huy động máy xúc dọn đất đá, thông tuyến trong 05 ngày và đề nghị tỉnh hỗ trợ kinh phí "
        "xây kè chống sạt lở từ nguồn phòng, chống thiên tai.",
        "Phòng Kinh tế đã khảo sát cầu tràn, lập báo cáo đề xuất xây cầu mới; UBND xã đưa công "
        "trình vào danh mục đề nghị tỉnh hỗ trợ vốn năm 2027. Trong mùa mưa, thôn cử người trực, "
        "cắm cọc báo mực nước và không cho người qua tràn khi nước lên.",
        "UBND xã ghi nhận tinh thần hiến đất, góp công của nhân dân thôn. Phòng Kinh tế đã thẩm "
        "định khối lượng, UBND xã hỗ trợ xi măng từ nguồn vốn xây dựng nông thôn mới; thôn nhận xi "
        "măng tại xã trong tháng tới và tự tổ chức thi công.",
    ]),
    ("irrigation", "nong-nghiep", "kinh-te", [
        "Mương thủy lợi {cho} của {thon} bị bồi lấp và vỡ nhiều đoạn, khoảng {ha} ha ruộng "
        "không đủ nước cấy vụ xuân. Đề nghị xã hỗ trợ kinh phí kiên cố hóa kênh mương.",
        "Đập dâng {cho} bị rò rỉ nước, bà con {thon} lo không đủ nước tưới cho vụ mùa. Đề nghị "
        "kiểm tra, sửa chữa trước mùa mưa lũ.",
        "Đề nghị xã hỗ trợ giống lúa, phân bón cho các hộ ở {thon} bị thiệt hại do lũ quét "
        "cuốn trôi ruộng cấy.",
    ], [
        "UBND xã đã giao Phòng Kinh tế lập dự toán sửa chữa, kiên cố hóa đoạn kênh bị hư hỏng từ "
        "nguồn vốn hỗ trợ phát triển sản xuất; thôn huy động nhân dân nạo vét lòng mương trước vụ "
        "gieo cấy.",
        "Phòng Kinh tế đã kiểm tra đập dâng, xác định điểm rò rỉ ở chân đập. UBND xã bố trí kinh "
        "phí duy tu công trình thủy lợi để gia cố, chống thấm thân đập, hoàn thành trước mùa mưa "
        "lũ.",
        "Phòng Kinh tế đã phối hợp thôn thống kê diện tích lúa bị lũ quét cuốn trôi. UBND xã quyết "
        "định hỗ trợ giống lúa, phân bón cho các hộ bị thiệt hại theo quy định, cấp phát tại nhà "
        "văn hóa thôn trước khung thời vụ gieo cấy.",
    ]),
    ("water", "dien-nuoc", "dvci", [
        "Công trình nước sạch tự chảy của {thon} hỏng đường ống từ tháng trước, {ho} hộ phải "
        "đi gánh nước suối. Đề nghị sửa chữa sớm.",
        "Bể chứa nước {cho} ở {thon} bị nứt, mùa mưa nước đục. Đề nghị kiểm tra chất lượng "
        "nước và sửa bể.",
        "Nhiều hộ ở {thon} chưa có nước sạch sinh hoạt, mùa khô thiếu nước nghiêm trọng. Kiến "
        "nghị đầu tư công trình cấp nước tập trung.",
    ], [
        "Trung tâm Dịch vụ công ích xã đã thay thế đoạn ống bị vỡ và súc rửa bể chứa; xã phối hợp "
        "Trung tâm Nước sạch tỉnh lấy mẫu kiểm tra chất lượng nước và thông báo kết quả tại nhà "
        "văn hóa thôn.",
        "Trung tâm Dịch vụ công ích xã đã trát vá vết nứt, làm lại nắp bể chứa và lắp thêm bể lắng "
        "lọc trong tháng này; xã phối hợp Trung tâm Nước sạch tỉnh lấy mẫu kiểm tra chất lượng "
        "nước và thông báo kết quả tại nhà văn hóa thôn.",
        "Trung tâm Dịch vụ công ích xã đã thống kê các hộ chưa có nước sạch; UBND xã đề nghị đưa "
        "công trình cấp nước tập trung của thôn vào kế hoạch đầu tư năm 2027. Trước mắt, xã bố trí "
        "xe chở nước sinh hoạt cho các hộ thiếu nước trong mùa khô.",
    ]),
    ("electricity", "dien-nuoc", "kinh-te", [
        "Điện lưới {cho} của {thon} thường xuyên mất điện, điện áp yếu, không chạy "
        "được máy bơm nước. Đề nghị xã kiến nghị ngành điện nâng cấp trạm biến áp.",
        "Cột điện ở {cho} bị nghiêng sau trận dông, dây điện võng thấp sát mái nhà dân rất "
        "nguy hiểm. Đề nghị xử lý ngay.",
        "Đề nghị lắp đèn chiếu sáng đường thôn đoạn từ nhà văn hóa {thon} đến {cho} để bà "
        "con đi lại ban đêm an toàn.",
    ], [
        "UBND xã đã có văn bản đề nghị Điện lực Văn Quan đo kiểm điện áp, điều chỉnh nấc phân áp "
        "của trạm biến áp ngay trong tháng; việc nâng công suất trạm biến áp được đưa vào kế hoạch "
        "cải tạo lưới điện năm 2027 của ngành điện.",
        "UBND xã đã báo Điện lực Văn Quan ngay trong ngày; tổ quản lý điện đã dựng lại cột và căng "
        "lại dây, bảo đảm khoảng cách an toàn với mái nhà dân. Đề nghị bà con không đến gần cột "
        "điện, dây điện khi có dông.",
        "Phòng Kinh tế đã khảo sát tuyến đường đề nghị chiếu sáng. UBND xã hỗ trợ 10 bộ đèn năng "
        "lượng mặt trời từ nguồn vốn xây dựng nông thôn mới, thôn vận động nhân dân góp công lắp "
        "đặt, hoàn thành trong quý tới.",
    ]),
    ("land", "dat-dai", "kinh-te", [
        "Gia đình tôi nộp hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất từ năm {nam} "
        "đến nay chưa được giải quyết. Đề nghị xã cho biết lý do và thời gian trả kết quả.",
        "Đề nghị xã giải quyết tranh chấp ranh giới đất giữa hai hộ gia đình ở {thon}; thôn "
        "đã hòa giải nhưng không thành.",
        "Diện tích đất trên giấy chứng nhận của gia đình tôi không khớp với thực tế sau khi "
        "đo đạc lại. Đề nghị xã hướng dẫn thủ tục đính chính.",
        "Đề nghị công khai quy hoạch sử dụng đất của xã để người dân {thon} biết, yên tâm "
        "sản xuất.",
    ], [
        "Hồ sơ của gia đình ông/bà đã được Phòng Kinh tế kiểm tra; còn thiếu bản trích đo địa "
        "chính thửa đất. Đề nghị ông/bà liên hệ Bộ phận một cửa xã để được hướng dẫn bổ sung; thời "
        "hạn giải quyết tính từ ngày nhận đủ hồ sơ.",
        "UBND xã đã nhận đơn; Phòng Kinh tế thẩm tra hồ sơ, đo đạc hiện trạng ranh giới và UBND xã "
        "tổ chức hòa giải tranh chấp trong 30 ngày. Nếu hòa giải không thành, UBND xã hướng dẫn "
        "các bên gửi đơn đến cơ quan có thẩm quyền giải quyết.",
        "Phòng Kinh tế đã đối chiếu hồ sơ địa chính; diện tích chênh lệch do lần đo đạc trước đây. "
        "Đề nghị ông/bà mang giấy chứng nhận đã cấp đến Trung tâm Phục vụ hành chính công xã để "
        "làm thủ tục đính chính theo kết quả đo đạc mới; thời hạn giải quyết tính từ ngày nhận đủ "
        "hồ sơ.",
        "UBND xã đã niêm yết công khai bản đồ quy hoạch sử dụng đất tại trụ sở xã, nhà văn hóa các "
        "thôn và trên trang thông tin điện tử của xã; Phòng Kinh tế sẽ giới thiệu quy hoạch tại "
        "cuộc họp thôn trong tháng tới.",
    ]),
    ("construction", "xay-dung", "kinh-te", [
        "Một hộ gia đình ở {thon} xây nhà lấn ra hành lang an toàn đường giao thông tại "
        "{cho}. Đề nghị xã kiểm tra, xử lý.",
        "Đề nghị xã hướng dẫn thủ tục xin phép xây dựng nhà ở cho các hộ {thon} nằm ven "
        "đường tỉnh.",
    ], [
        "Phòng Kinh tế đã kiểm tra hiện trường, lập biên bản và yêu cầu hộ gia đình tự tháo dỡ "
        "phần công trình lấn chiếm hành lang đường trong 15 ngày.",
        "Trung tâm Phục vụ hành chính công xã đã niêm yết thủ tục cấp giấy phép xây dựng nhà ở "
        "riêng lẻ; Phòng Kinh tế hướng dẫn trực tiếp các hộ ven đường tỉnh tại nhà văn hóa thôn "
        "trong tháng này, lưu ý xây đúng chỉ giới, không lấn hành lang an toàn đường bộ.",
    ]),
    ("school", "giao-duc", "van-hoa-xa-hoi", [
        "Điểm trường mầm non ở {thon} phòng học xuống cấp, mái dột, thiếu nhà vệ sinh cho "
        "các cháu. Đề nghị sửa chữa trước năm học mới.",
        "Đường đến Trường Tiểu học Điềm He đoạn qua {cho} không có rào chắn, phụ huynh lo "
        "lắng cho con em. Đề nghị lắp biển báo và rào chắn.",
        "Đề nghị xã quan tâm hỗ trợ bữa ăn trưa cho học sinh bán trú người dân tộc ở {thon}.",
    ], [
        "UBND xã đã bố trí kinh phí sửa chữa mái và xây mới nhà vệ sinh điểm trường trong dịp hè, "
        "hoàn thành trước ngày khai giảng năm học mới; Phòng Văn hóa - Xã hội theo dõi, giám sát "
        "việc thi công.",
        "Phòng Kinh tế đã khảo sát đoạn đường qua khu vực trường. UBND xã lắp biển báo khu vực "
        "trường học, gờ giảm tốc và rào chắn ở đoạn sát taluy trong tháng tới; Công an xã bố trí "
        "lực lượng bảo đảm an toàn giao thông giờ tan trường.",
        "Phòng Văn hóa - Xã hội đã phối hợp nhà trường rà soát danh sách học sinh bán trú người "
        "dân tộc thiểu số của thôn; các em đủ điều kiện được hỗ trợ tiền ăn, gạo theo quy định từ "
        "học kỳ tới, chi trả qua nhà trường.",
    ]),
    ("insurance", "y-te", "tram-y-te", [
        "Thẻ bảo hiểm y tế của các cháu nhỏ trong gia đình tôi ghi sai ngày sinh, đi khám "
        "không được thanh toán. Đề nghị xã hướng dẫn điều chỉnh.",
        "Nhiều hộ cận nghèo ở {thon} chưa được cấp thẻ bảo hiểm y tế năm 2026. Đề nghị rà "
        "soát, cấp thẻ kịp thời.",
        "Trạm Y tế xã thiếu thuốc thông thường, người dân phải ra thị trấn mua. Đề nghị bổ "
        "sung thuốc và tổ chức khám định kỳ tại {thon}.",
    ], [
        "Trạm Y tế xã đã tổng hợp danh sách, đề nghị Bảo hiểm xã hội khu vực điều chỉnh thông tin "
        "trên thẻ; người dân mang căn cước đến Trạm để nhận thẻ mới.",
        "Trạm Y tế xã đã phối hợp Phòng Văn hóa - Xã hội đối chiếu danh sách hộ cận nghèo năm "
        "2026, lập danh sách bổ sung gửi Bảo hiểm xã hội khu vực đề nghị cấp thẻ; thẻ được chuyển "
        "về thôn phát cho các hộ trong tháng tới.",
        "Trạm Y tế xã đã bổ sung cơ số thuốc thông thường theo danh mục bảo hiểm y tế; từ quý tới, "
        "Trạm tổ chức khám sức khỏe định kỳ tại nhà văn hóa thôn vào tuần đầu mỗi quý, lịch khám "
        "thông báo trên loa truyền thanh.",
    ]),
    ("allowance", "chinh-sach-xa-hoi", "van-hoa-xa-hoi", [
        "Mẹ tôi năm nay đủ 75 tuổi nhưng chưa được hưởng trợ cấp xã hội hằng tháng. Đề nghị "
        "xã xem xét lập hồ sơ.",
        "Đề nghị xã rà soát lại danh sách hộ nghèo, cận nghèo năm 2026 ở {thon}; có hộ khó "
        "khăn thực sự nhưng chưa được bình xét.",
        "Gia đình tôi có người khuyết tật nặng, đã nộp hồ sơ hưởng trợ cấp từ tháng {thang} "
        "nhưng chưa nhận được. Đề nghị xã giải quyết.",
        "Đề nghị hỗ trợ sửa chữa nhà ở cho các hộ nghèo ở {thon}, nhiều nhà tạm đã dột nát.",
    ], [
        "Phòng Văn hóa - Xã hội đã hướng dẫn gia đình hoàn thiện hồ sơ; UBND xã ra quyết định "
        "hưởng trợ cấp xã hội hằng tháng từ tháng tiếp theo, chi trả qua bưu điện xã.",
        "UBND xã đã giao Phòng Văn hóa - Xã hội phối hợp Ban rà soát của thôn rà soát lại danh "
        "sách hộ nghèo, cận nghèo năm 2026; các hộ đủ tiêu chí được bình xét bổ sung tại cuộc họp "
        "thôn, danh sách được niêm yết công khai tại nhà văn hóa thôn trong 07 ngày.",
        "Phòng Văn hóa - Xã hội đã kiểm tra, hồ sơ của gia đình đủ điều kiện; UBND xã đã ra quyết "
        "định hưởng trợ cấp xã hội hằng tháng cho người khuyết tật nặng, chi trả qua bưu điện xã "
        "từ tháng tiếp theo. UBND xã xin lỗi gia đình vì việc giải quyết chậm.",
        "Phòng Văn hóa - Xã hội đã phối hợp thôn khảo sát, lập danh sách hộ nghèo đang ở nhà tạm, "
        "nhà dột nát; UBND xã hỗ trợ sửa chữa, làm mới nhà ở theo chương trình xóa nhà tạm, nhà "
        "dột nát, hoàn thành trước mùa mưa bão.",
    ]),
    ("garbage", "moi-truong", "dvci", [
        "Rác thải sinh hoạt ở {cho} của {thon} không được thu gom, đổ bừa bãi ven suối, gây "
        "ô nhiễm. Đề nghị bố trí điểm tập kết và xe thu gom định kỳ.",
        "Một số hộ chăn nuôi lợn ở {thon} xả nước thải thẳng ra mương, mùi hôi ảnh hưởng các "
        "hộ xung quanh. Đề nghị kiểm tra, xử lý.",
        "Đề nghị xã có biện pháp xử lý việc đốt rơm rạ, rác thải gây khói bụi gần khu dân cư "
        "{thon}.",
    ], [
        "Trung tâm Dịch vụ công ích xã bố trí thêm điểm tập kết rác và thu gom vào thứ Ba, thứ Sáu "
        "hằng tuần; thôn đưa quy định giữ vệ sinh vào hương ước.",
        "UBND xã đã giao Phòng Kinh tế phối hợp thôn kiểm tra, lập biên bản các hộ xả nước thải "
        "chăn nuôi ra mương và yêu cầu làm hầm biogas hoặc hố xử lý chất thải trong 30 ngày; quá "
        "hạn không thực hiện sẽ bị xử phạt theo quy định.",
        "UBND xã đã chỉ đạo thôn tuyên truyền không đốt rơm rạ, rác thải gần khu dân cư; Trung tâm "
        "Dịch vụ công ích xã hướng dẫn bà con ủ rơm rạ làm phân bón và thu gom rác tại điểm tập "
        "kết vào thứ Ba, thứ Sáu hằng tuần.",
    ]),
    ("security", "an-ninh-trat-tu", "cong-an", [
        "Thời gian gần đây ở {thon} xảy ra mất trộm gia súc, trâu bò thả rông bị mất. Đề nghị "
        "Công an xã tăng cường tuần tra.",
        "Nhóm thanh niên thường tụ tập, phóng xe máy tốc độ cao qua {cho} vào ban đêm, gây "
        "mất trật tự. Đề nghị xử lý.",
        "Đề nghị Công an xã hướng dẫn người dân {thon} làm thủ tục cấp căn cước và định danh "
        "điện tử ngay tại thôn.",
    ], [
        "Công an xã đã tăng cường tuần tra ban đêm, phối hợp tổ bảo vệ an ninh trật tự cơ sở của "
        "thôn; đề nghị nhân dân báo ngay khi phát hiện người lạ, phương tiện khả nghi.",
        "Công an xã đã xác minh, mời các thanh niên và gia đình lên làm việc, xử phạt các trường "
        "hợp vi phạm; từ tháng này, Công an xã bố trí tổ tuần tra, kiểm soát tại khu vực vào các "
        "buổi tối cuối tuần.",
        "Công an xã bố trí tổ cấp căn cước lưu động làm thủ tục cấp căn cước và kích hoạt định "
        "danh điện tử tại nhà văn hóa thôn; lịch cụ thể được thông báo qua trưởng thôn và loa "
        "truyền thanh trước 03 ngày.",
    ]),
    ("procedure", "hanh-chinh", "pvhcc", [
        "Người cao tuổi ở {thon} không biết nộp hồ sơ trực tuyến. Đề nghị xã cử cán bộ hướng "
        "dẫn tại nhà văn hóa thôn.",
        "Đề nghị niêm yết công khai thủ tục, lệ phí chứng thực tại trụ sở xã và nhà văn hóa "
        "các thôn.",
        "Hồ sơ của tôi tại Bộ phận một cửa bị yêu cầu bổ sung nhiều lần, mỗi lần một giấy tờ "
        "khác. Đề nghị hướng dẫn một lần đầy đủ.",
    ], [
        "Trung tâm Phục vụ hành chính công xã tổ chức hướng dẫn nộp hồ sơ trực tuyến tại nhà văn "
        "hóa các thôn vào sáng thứ Năm hằng tuần; tổ công nghệ số cộng đồng của thôn hỗ trợ người "
        "cao tuổi nộp hồ sơ tại nhà khi cần.",
        "Trung tâm Phục vụ hành chính công xã đã niêm yết đầy đủ thủ tục, lệ phí chứng thực tại "
        "trụ sở xã; trong tháng này, Văn phòng HĐND và UBND xã gửi bản niêm yết để các thôn dán "
        "tại nhà văn hóa.",
        "Trung tâm Phục vụ hành chính công xã đã kiểm tra lại hồ sơ, gửi thư xin lỗi ông/bà vì đã "
        "yêu cầu bổ sung nhiều lần và hướng dẫn một lần đầy đủ các giấy tờ còn thiếu; công chức để "
        "xảy ra sai sót đã bị nhắc nhở, kiểm điểm.",
    ]),
    ("civil", "tu-phap-ho-tich", "pvhcc", [
        "Thủ tục đăng ký khai sinh cho con tôi bị yêu cầu bổ sung giấy tờ nhiều lần. Đề nghị "
        "hướng dẫn rõ một lần.",
        "Đề nghị xã hướng dẫn thủ tục trích lục khai tử cho gia đình ở {thon} để làm thủ tục "
        "thừa kế.",
    ], [
        "Trung tâm Phục vụ hành chính công xã đã liên hệ, hướng dẫn gia đình và trả kết quả đăng "
        "ký hộ tịch đúng hẹn.",
        "Trung tâm Phục vụ hành chính công xã đã hướng dẫn gia đình nộp tờ khai cấp bản sao trích "
        "lục khai tử tại Trung tâm hoặc trên Cổng dịch vụ công quốc gia, nhận kết quả ngay trong "
        "ngày; nếu việc khai tử chưa được đăng ký, gia đình làm thủ tục đăng ký khai tử trước.",
    ]),
    ("forest", "nong-nghiep", "kiem-lam", [
        "Có hiện tượng chặt phá rừng phòng hộ trên đồi {cho} thuộc {thon}. Đề nghị Hạt Kiểm "
        "lâm và xã kiểm tra, ngăn chặn.",
        "Đề nghị chi trả tiền dịch vụ môi trường rừng năm 2025 cho các hộ nhận khoán bảo vệ "
        "rừng ở {thon}, đến nay chưa nhận.",
        "Mùa hanh khô sắp đến, đề nghị tổ chức tập huấn phòng cháy chữa cháy rừng cho người "
        "dân {thon}.",
    ], [
        "Hạt Kiểm lâm khu vực Văn Quan đã phối hợp Công an xã kiểm tra hiện trường, lập biên bản "
        "vụ việc và xác minh người vi phạm để xử lý theo quy định; tổ bảo vệ rừng của thôn tăng "
        "cường tuần tra khu vực đồi.",
        "Hạt Kiểm lâm khu vực Văn Quan đã đối chiếu danh sách các hộ nhận khoán bảo vệ rừng; việc "
        "chậm chi trả do Quỹ bảo vệ và phát triển rừng tỉnh chưa cấp kinh phí, tiền dịch vụ môi "
        "trường rừng năm 2025 được chi trả trong quý IV.",
        "Hạt Kiểm lâm khu vực Văn Quan phối hợp UBND xã tổ chức tập huấn phòng cháy, chữa cháy "
        "rừng tại nhà văn hóa thôn trước mùa hanh khô, kết hợp diễn tập và kiện toàn tổ xung kích "
        "phòng cháy của thôn.",
    ]),
    ("culture", "van-hoa", "van-hoa-xa-hoi", [
        "Nhà văn hóa {thon} xuống cấp, thiếu bàn ghế, loa đài. Đề nghị hỗ trợ sửa chữa để bà "
        "con sinh hoạt.",
        "Đề nghị xã hỗ trợ khôi phục lễ hội Lồng tồng của {thon}, mở lớp dạy hát then, đàn "
        "tính cho thanh thiếu niên.",
    ], [
        "UBND xã hỗ trợ bàn ghế, bộ loa cho nhà văn hóa thôn từ nguồn kinh phí xây dựng đời sống "
        "văn hóa cơ sở trong quý tới; việc sửa chữa nhà văn hóa được đưa vào kế hoạch năm 2027, "
        "thôn vận động nhân dân góp công.",
        "Phòng Văn hóa - Xã hội phối hợp thôn xây dựng kế hoạch khôi phục lễ hội Lồng tồng vào "
        "tháng Giêng năm tới; lớp hát then, đàn tính cho thanh thiếu niên mở vào dịp hè tại nhà "
        "văn hóa thôn, do nghệ nhân của xã truyền dạy.",
    ]),
    ("budget", "kinh-te-tai-chinh", "kinh-te", [
        "Đề nghị xã giải thích các khoản đóng góp xây dựng nhà văn hóa {thon}; người dân chưa "
        "rõ mức thu và việc sử dụng.",
        "Đề nghị công khai quyết toán kinh phí làm đường bê tông {thon} năm {nam}.",
    ], [
        "UBND xã đã niêm yết công khai dự toán, quyết toán công trình tại nhà văn hóa thôn; các "
        "khoản đóng góp do nhân dân tự nguyện bàn và quyết định tại cuộc họp thôn.",
        "UBND xã đã niêm yết công khai quyết toán công trình đường bê tông của thôn tại trụ sở xã "
        "và nhà văn hóa thôn trong 30 ngày; Phòng Kinh tế giải trình các khoản thu, chi tại cuộc "
        "họp thôn gần nhất.",
    ]),
    ("other", "khac", "van-phong", [
        "Đề nghị xã thông báo lịch tiếp công dân của Chủ tịch UBND xã trên loa truyền thanh "
        "các thôn.",
        "Loa truyền thanh của {thon} bị hỏng đã lâu, bà con không nghe được thông báo của xã. "
        "Đề nghị sửa chữa.",
    ], [
        "Văn phòng HĐND và UBND xã đã thông báo lịch tiếp công dân định kỳ trên hệ thống truyền "
        "thanh và niêm yết tại trụ sở.",
        "Văn phòng HĐND và UBND xã đã cử cán bộ kiểm tra, thay cụm loa và bộ thu không dây của "
        "thôn; loa truyền thanh của thôn hoạt động trở lại từ tuần này.",
    ]),
]


def answer_of(topic: tuple, template: int) -> str:
    """The commune's answer to a topic's template: the topic's one answer, or the template's
    own when the topic gives one per template."""
    answers = topic[4]
    if isinstance(answers, str):
        return answers
    # A complaint's template points into COMPLAINTS, not the topic's list: never answered
    # here (it goes to its own procedure), and no crash if it ever were.
    return answers[template] if template < len(answers) else answers[0]


COMPLAINTS = [
    "Tôi khiếu nại quyết định thu hồi {dt} m² đất của gia đình tôi ở {thon} để mở rộng "
    "đường; mức bồi thường không thỏa đáng so với giá thực tế.",
    "Tôi khiếu nại việc thôn và xã không đưa gia đình tôi vào danh sách hộ nghèo năm 2026 "
    "dù gia đình đủ điều kiện.",
    "Tôi khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng đối với gia đình tôi "
    "vì chưa xem xét đúng hiện trạng công trình.",
]
DENUNCIATIONS = [
    "Tôi tố cáo việc cán bộ phụ trách hồ sơ đất đai nhận tiền của người dân khi làm hồ sơ "
    "cấp giấy chứng nhận quyền sử dụng đất.",
    "Tôi tố cáo trưởng ban quản lý công trình nước sạch {thon} sử dụng sai tiền đóng góp "
    "của nhân dân.",
]

OPENINGS = ["", "", "", "Cử tri {thon} kiến nghị: ", "Nhân dân {thon} phản ánh: ",
            "Bà con {thon} đề nghị: ", "Qua họp thôn, {thon} đề nghị: "]
CLOSINGS = ["", "", " Xin trân trọng cảm ơn.", " Đề nghị xã trả lời bằng văn bản.",
            " Bà con rất mong được quan tâm giải quyết sớm."]
PLACES = ["khu vực Nà Lừa", "khu vực Khuổi Mạ", "dốc Pác Khuổi", "khu vực Nà Cáy",
          "khu vực Khau Slôm", "đầu thôn", "khu vực Co Sấu", "khu vực Bó Pia"]

SURNAMES = ["Hoàng", "Nông", "Lương", "Vi", "Chu", "Lộc", "Lăng", "Triệu", "Mã", "Vy", "Hà",
            "Lý", "Dương", "Đinh", "Mông", "Hứa", "Nguyễn", "Trần", "Phạm", "Lê"]
MEN = ["Pản", "Khiêm", "Thuận", "Sinh", "Tường", "Phúc", "Hải", "Quyết", "Nghĩa", "Dín",
       "Sáng", "Cường", "Đông", "Lâm", "Thắng", "Vượng", "Chiến", "Hùng", "Tiến", "Slao"]
WOMEN = ["Lan", "Xuân", "Mai", "Hoa", "Nhung", "Thắm", "Thơm", "Hạnh", "Liên", "Dung",
         "Duyên", "Huyền", "Phượng", "Ngần", "Pằn", "Nguyệt"]

ESCALATE_TO = ["Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn", "Công ty Điện lực Lạng Sơn",
               "Sở Xây dựng tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh Lạng Sơn",
               "Bảo hiểm xã hội tỉnh Lạng Sơn"]
NOT_ACCEPTED = [
    ("Việc đã được UBND xã trả lời bằng văn bản năm 2025, không có tình tiết mới.",
     "Ông/bà xem Văn bản trả lời số 45/UBND-VP ngày 12/8/2025, có bản sao tại Bộ phận một "
     "cửa xã."),
    ("Tranh chấp dân sự giữa các hộ gia đình, không thuộc phạm vi đối thoại.",
     "Đề nghị ông/bà gửi đơn đến Tòa án nhân dân khu vực để được giải quyết theo thủ tục "
     "tố tụng dân sự."),
    ("Đơn không ghi nội dung cụ thể, không liên hệ được người gửi để làm rõ.",
     "Đề nghị ông/bà đến Văn phòng UBND xã (sáng thứ Hai, thứ Năm) để được hướng dẫn."),
]
EXTEND_REASONS = ["Cần khảo sát thực địa và xin ý kiến cơ quan chuyên môn cấp tỉnh.",
                  "Chờ kết quả đo đạc lại thửa đất của Văn phòng đăng ký đất đai.",
                  "Cần bố trí kinh phí, chờ Hội đồng nhân dân xã cho ý kiến."]

# Petitions that raise the same matter: (title, topic, template, villages, state, count).
ISSUES = [
    ("Đường liên thôn Nà Pàn – Bản Chu xuống cấp", "road", 0,
     ("Thôn Nà Pàn", "Thôn Bản Chu"), State.ASSIGNED, 4),
    ("Công trình nước tự chảy thôn Khòn Pát hỏng đường ống", "water", 0,
     ("Thôn Khòn Pát",), State.PUBLISHED, 3),
    ("Điện yếu, mất điện thường xuyên ở thôn Pác Lùng", "electricity", 0,
     ("Thôn Pác Lùng",), State.ESCALATED, 3),
    ("Rác thải đổ ven suối thôn Bản Giàng", "garbage", 0,
     ("Thôn Bản Giàng",), State.CLOSED, 3),
    ("Mất trộm gia súc ở thôn Kéo Coong", "security", 0,
     ("Thôn Kéo Coong",), State.RECEIVED, 2),
    ("Chậm chi trả tiền dịch vụ môi trường rừng năm 2025", "forest", 1,
     ("Thôn Lùng Vài", "Thôn Khun Khoang"), State.ASSIGNED, 3),
]


ANSWER_TEMPLATES = [
    ("giao-thong", "Đường giao thông: đã khảo sát, đưa vào kế hoạch",
     "UBND xã tiếp thu ý kiến của ông (bà) về tuyến đường. Phòng Kinh tế đã kiểm tra hiện "
     "trạng; tuyến đường được đưa vào kế hoạch sửa chữa năm … bằng nguồn vốn …. Trong thời "
     "gian chờ sửa chữa, UBND xã giao thôn tổ chức san lấp tạm các điểm hư hỏng."),
    ("dat-dai", "Đất đai: hướng dẫn thủ tục cấp Giấy chứng nhận",
     "Trường hợp của ông (bà) thuộc diện được xem xét cấp Giấy chứng nhận quyền sử dụng đất. "
     "Đề nghị ông (bà) nộp hồ sơ tại Trung tâm Phục vụ hành chính công xã, gồm: …. Thời hạn "
     "giải quyết theo quy định là … ngày làm việc."),
    ("dien-nuoc", "Nước sạch: đã báo đơn vị cấp nước",
     "UBND xã đã có văn bản đề nghị đơn vị quản lý công trình cấp nước kiểm tra, khắc phục. "
     "Dự kiến hoàn thành trước ngày …; UBND xã sẽ tiếp tục theo dõi và thông báo kết quả."),
    (None, "Chung: tiếp thu và trả lời",
     "UBND xã trân trọng cảm ơn ý kiến của ông (bà). Về nội dung ông (bà) nêu, UBND xã trả "
     "lời như sau: …"),
]
