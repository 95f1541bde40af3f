import pytest

from tests.sessions import sign_in_with_second_factor
from whistleblower import services


@pytest.fixture
def unit_client(client, wb_member):
    """A unit member signed in with a confirmed, verified TOTP device."""
    return sign_in_with_second_factor(client, wb_member)


@pytest.fixture
def report(db):
    report, code = services.report_submit(
        body="Lederen flytter penge fra projektkontoen til privat brug.",
        where="Kontoret på Rådhuset",
        third_persons="Lederen Hr. Hemmelig",
        reporter_name="Anna Anonym",
        reporter_contact="anna@example.invalid",
    )
    report.receipt_code = code
    return report


@pytest.fixture
def second_factor_member(db):
    """Another member of the unit, with a confirmed second factor: the one who adds members
    and issues enrolment codes in the tests."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import UserFactory

    user = UserFactory(username="p-wb-colleague", roles=["whistleblower_unit"])
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return user
