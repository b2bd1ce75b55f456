"""Factories for the organisation model; each builds a consistent scope by default."""

import factory

from doithoai.org.models import Agency, Membership, Person, Role, Unit, User, Village

PASSWORD = "mat-khau-thu-nghiem-1"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"ubnd-xa-{n}")
    name = factory.Sequence(lambda n: f"Ủy ban nhân dân xã Thử Nghiệm {n}")
    level = Agency.Level.COMMUNE
    header_issuer = factory.LazyAttribute(lambda o: f"ỦY BAN NHÂN DÂN / {o.name.upper()}")
    place_name = "Thử Nghiệm"


class ProvinceFactory(AgencyFactory):
    code = factory.Sequence(lambda n: f"ubnd-tinh-{n}")
    name = factory.Sequence(lambda n: f"Ủy ban nhân dân tỉnh Thử Nghiệm {n}")
    level = Agency.Level.PROVINCE


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"don-vi-{n}")
    name = factory.Sequence(lambda n: f"Phòng Thử nghiệm {n}")
    kind = Unit.Kind.DEPARTMENT


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Thôn Thử Nghiệm {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    agency = factory.SubFactory(AgencyFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Người Dùng {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.CLERK
    agency = factory.SubFactory(AgencyFactory)


def user_with_role(role: str, agency=None, unit=None, village=None, **user_kwargs) -> User:
    user = UserFactory(**user_kwargs)
    Membership.objects.create(user=user, role=role, agency=agency, unit=unit, village=village)
    return user
