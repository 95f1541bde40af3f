"""A reporter sends a photo with its GPS position and a PDF with its author; the unit opens the
cleaned copies by default, sees what was removed, and opens an original only with a reason that
the access log keeps (issue 17). In a real browser."""

import io
import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.factories import UserFactory
from tests.files import jpeg_with_gps, pdf_with_author
from whistleblower.models import AccessLog, Report

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_files_reach_the_unit_cleaned_and_the_original_only_with_a_reason(
    live_server, page, tmp_path, settings
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    member = UserFactory(username="e2e-wb", first_name="Wilma", roles=["whistleblower_unit"])
    device = TOTPDevice.objects.create(user=member, name="app", confirmed=True)
    base = live_server.url
    photo, document = tmp_path / "foto.jpg", tmp_path / "notat.pdf"
    photo.write_bytes(jpeg_with_gps())
    document.write_bytes(pdf_with_author("Timesedler for marts"))

    # The reporter is told before sending that files can carry hidden information.
    page.goto(f"{base}/whistleblower/indberet/")
    expect(page.locator("#hidden-information")).to_contain_text("GPS")
    page.get_by_label("Hvad er der sket?").fill("Timesedlerne på værkstedet bliver rettet bagefter.")
    page.get_by_label("Filer (valgfrit)").set_input_files([str(photo), str(document)])
    page.get_by_role("button", name="Send indberetningen").click()
    expect(page.locator("h1")).to_have_text("Din indberetning er modtaget")
    assert page.context.cookies() == []

    # The unit.
    unit_context = page.context.browser.new_context(locale="da-DK", accept_downloads=True)
    unit = unit_context.new_page()
    unit.goto(f"{base}/log-ind/")
    unit.get_by_label("Brugernavn").fill("e2e-wb")
    unit.get_by_label("Adgangskode").fill("correct horse battery")
    unit.get_by_role("button", name="Log ind").click()
    unit.goto(f"{base}/whistleblower/enhed/")
    unit.get_by_label(re.compile("Kode fra din godkendelsesapp")).fill(f"{totp(device.bin_key):06d}")
    unit.get_by_role("button", name="Bekræft").click()
    report = Report.objects.get()
    unit.get_by_role("link", name=report.reference).click()
    files = unit.locator(".files")
    expect(files).to_contain_text("foto.jpg")
    expect(files).to_contain_text("GPS-position")
    expect(files).to_contain_text("kameraets serienummer")
    expect(files).to_contain_text("forfatter")

    # The cleaned copies, by default: no EXIF in the photo, no author in the PDF.
    with unit.expect_download() as photo_download:
        unit.get_by_role("link", name="foto.jpg").click()
    cleaned_photo = Image.open(io.BytesIO(open(photo_download.value.path(), "rb").read()))  # noqa: SIM115
    assert dict(cleaned_photo.getexif()) == {}
    with unit.expect_download() as pdf_download:
        unit.get_by_role("link", name="notat.pdf").click()
    cleaned_pdf = PdfReader(pdf_download.value.path())
    assert not cleaned_pdf.metadata or "/Author" not in cleaned_pdf.metadata
    assert "Timesedler for marts" in cleaned_pdf.pages[0].extract_text()

    # The original photo, only with a reason — and the access log shows it.
    item = files.locator("li", has_text="foto.jpg")
    item.locator("summary").click()
    item.get_by_label(re.compile("Hvorfor originalen er nødvendig")).fill("Politiet har bedt om originalen.")
    with unit.expect_download() as original_download:
        item.get_by_role("button", name="Hent med denne begrundelse").click()
    original = Image.open(original_download.value.path())
    assert original.getexif().get_ifd(0x8825)  # the GPS position is there, as sent
    entry = AccessLog.objects.get(report=report, action="original_opened")
    assert (entry.actor, entry.reason) == (member, "Politiet har bedt om originalen.")
    unit.reload()
    expect(unit.locator("#log-h + ul")).to_contain_text("Hentede en fil, som den blev sendt")
    assert page.console_errors == []
