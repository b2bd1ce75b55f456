"""No names in published text by accident (point 3 of the conference day's law): before an
answer is approved or published, the staff see its public copy with the names the product
knows and "ông X", "bà Y" as initials; the public tracking page shows only that copy; the
staff copy keeps the original."""

import pytest
from django.urls import reverse

from doithoai.petitions.actions import answers, assignments
from doithoai.petitions.actions import intake as petition_intake
from doithoai.petitions.models import Answer, Petition

ANSWER = "Trả lời ông Hùng và bà Mã Thị Sinh:\nUBND xã đã giao Phòng Kinh tế sửa đường."


@pytest.fixture
def approved(receive, people):
    p = receive(text="Bà Mã Thị\nSinh và ông Lò Văn Hùng đề nghị sửa đường Nà Pàn.",
                petitioners=[petition_intake.PetitionerData(full_name="Mã Thị Sinh"),
                             petition_intake.PetitionerData(full_name="Lò Văn Hùng")])
    p = assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"])
    answers.draft_answer(actor=people["officer"], petition=p, text=ANSWER,
                         document_number="45/UBND-KT")
    p = Petition.objects.get(pk=p.pk)
    answers.approve_answer(actor=people["leader"], petition=p, version=p.version)
    return Petition.objects.get(pk=p.pk)


def test_the_publish_step_shows_the_public_copy(client, approved, people):
    client.force_login(people["leader"])
    page = client.get(reverse("petitions:detail", args=[approved.pk])).content.decode()
    preview = page[page.index('class="public-preview"'):]
    preview = preview[:preview.index("</div>")]
    assert "Trả lời ông H. và bà M. T. S.:" in preview
    assert "Mã Thị Sinh → M. T. S." in preview and "Hùng → H." in preview
    assert "Lò Văn Hùng" not in preview.split("Tên người")[0]
    approvals = client.get(reverse("petitions:approvals")).content.decode()
    assert "Trả lời ông H. và bà M. T. S.:" in approvals


def test_the_public_reads_only_the_masked_copy(client, approved, people):
    answers.publish_answer(actor=people["leader"], petition=approved, version=approved.version)
    page = client.get(reverse("public:track_code",
                              args=[approved.tracking_code])).content.decode()
    for name in ("Hùng", "Mã Thị", "Sinh"):
        assert name not in page
    assert "Trả lời ông H. và bà M. T. S.:" in page
    assert "Bà M. T. S. và ông L. V. H. đề nghị sửa đường Nà Pàn." in page.replace(
        "<br>", " ").replace("\n", " ")
    # The staff copy keeps the original.
    assert Answer.objects.get(petition=approved, is_current=True).text == ANSWER


def test_a_sender_who_asked_not_to_be_named_is_a_citizen_not_initials(client, receive,
                                                                      people):
    """Initials would name him in a commune: the preview and the public page say "một công
    dân" wherever his name is written, the word of address with it."""
    p = receive(text="Ông Lò Văn Hùng đề nghị sửa đường Nà Pàn.",
                petitioners=[petition_intake.PetitionerData(full_name="Lò Văn Hùng",
                                                            anonymous_to_public=True)])
    p = assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"])
    answers.draft_answer(actor=people["officer"], petition=p, text="Trả lời ông Hùng: sẽ sửa.",
                         document_number="46/UBND-KT")
    p = Petition.objects.get(pk=p.pk)
    answers.approve_answer(actor=people["leader"], petition=p, version=p.version)
    client.force_login(people["leader"])
    page = client.get(reverse("petitions:detail", args=[p.pk])).content.decode()
    preview = page[page.index('class="public-preview"'):]
    preview = preview[:preview.index("</div>")]
    assert "Trả lời một công dân: sẽ sửa." in preview
    assert "ông Hùng → một công dân" in preview
    p = Petition.objects.get(pk=p.pk)
    answers.publish_answer(actor=people["leader"], petition=p, version=p.version)
    page = client.get(reverse("public:track_code", args=[p.tracking_code])).content.decode()
    assert "Hùng" not in page and "L. V. H." not in page and "ông H." not in page
    assert "Một công dân đề nghị sửa đường Nà Pàn." in page
    assert "Trả lời một công dân: sẽ sửa." in page
