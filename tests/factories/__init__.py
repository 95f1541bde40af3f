import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.models import ContactPerson, Department, Unit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="da_DK")
    last_name = factory.Faker("last_name", locale="da_DK")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password("correct horse battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            # The whistleblower unit's membership is guarded (whistleblower.membership): test
            # personas are made members through the same door as the unit's own services.
            from whistleblower.membership import _permitted_change

            with _permitted_change():
                self.groups.add(*Group.objects.filter(name__in=[str(r) for r in extracted]))


def department(code: str) -> Department:
    return Department.objects.get(code=code)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    department = factory.LazyFunction(lambda: department("SOF"))
    name = factory.Sequence(lambda n: f"Enhed {n}")


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    department = factory.LazyFunction(lambda: department("SOF"))
    name = factory.Faker("name", locale="da_DK")


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A complaint in any state (the FSM field may be set once, at construction)."""

    class Meta:
        model = "complaints.Complaint"
        skip_postgeneration_save = True

    case_number = factory.Sequence(lambda n: f"2023-{n + 1:07d}")
    kind = "complaint"
    requester = "citizen"
    channel = "phone"
    department = factory.LazyFunction(lambda: department("SOF"))
    person_name = factory.Faker("name", locale="da_DK")
    received_on = factory.LazyFunction(lambda: __import__("datetime").date(2023, 5, 1))
    # As the services set it: the reply guarantee's day (complaints.models.reply_due).
    reply_due_on = factory.LazyAttribute(
        lambda c: __import__("complaints.models").models.reply_due(c.received_on, c.channel)
    )
    state = "received"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        from complaints.models import ComplaintPoint, Theme

        if create and extracted:
            for code in extracted:
                ComplaintPoint.objects.create(complaint=self, theme=Theme.objects.get(code=code))


class SupervisionFactory(factory.django.DjangoModelFactory):
    """A supervision in any state (own-initiative by default)."""

    class Meta:
        model = "supervision.Supervision"
        skip_postgeneration_save = True

    case_number = factory.Sequence(lambda n: f"2023-{n + 500000:07d}")
    kind = "own_initiative_case"
    title = "Tilsyn"
    opened_on = factory.LazyFunction(lambda: __import__("datetime").date(2023, 5, 1))
    state = "opened"

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create:
            self.departments.set([department(code) for code in (extracted or ["SOF"])])
