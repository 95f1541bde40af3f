import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from whistleblower import services


@pytest.fixture
def unit_client(client, wb_member):
    """A unit member signed in with a confirmed, verified TOTP device."""
    device = TOTPDevice.objects.create(user=wb_member, name="test", confirmed=True)
    client.force_login(wb_member)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


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
