import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from complaints.models import Attachment
from tests.factories import ComplaintFactory
from tests.storage import raw

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_root(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


def upload(client, complaint, name, content):
    return client.post(
        reverse("complaints:attachment_add", args=[complaint.pk]),
        {"file-file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_allowed_file_is_stored_outside_any_public_url_and_served_to_caseworkers(
    client_for, jurist, private_root
):
    complaint = ComplaintFactory()
    client = client_for(jurist)
    html = upload(client, complaint, "Afgørelse Karen Hansen.pdf", PDF).content.decode()
    assert "Filen er vedhæftet." in html
    attachment = Attachment.objects.get()
    assert "Karen" not in attachment.file.name  # the original name stays in the database
    assert raw(attachment.file.name) == PDF  # in the private folder or bucket, by a random name
    response = client.get(reverse("complaints:attachment_download", args=[complaint.pk, attachment.pk]))
    assert b"".join(response.streaming_content) == PDF
    assert (
        'filename="Afg' in response["Content-Disposition"] or "filename*=" in response["Content-Disposition"]
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("program.exe", b"MZ\x90\x00", "kan ikke vedhæftes"),
        ("faktura.pdf", b"MZ\x90\x00 not a pdf", "passer ikke til filtypen"),
        ("tom.txt", b"", "er tom"),
    ],
)
def test_disallowed_or_disguised_files_are_refused_with_a_message(client_for, jurist, name, content, message):
    complaint = ComplaintFactory()
    html = upload(client_for(jurist), complaint, name, content).content.decode()
    assert message in html
    assert not Attachment.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=None, FILE_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_file_over_20_mb_is_refused(client_for, jurist):
    complaint = ComplaintFactory()
    big = b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024)
    html = upload(client_for(jurist), complaint, "stor.pdf", big).content.decode()
    assert "er større end 20 MB" in html
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("persona_name", ["committee", "secretariat", "wb_member", "outsider", "superuser"])
def test_attachments_are_refused_to_everyone_but_caseworkers(persona_name, request, client_for, jurist):
    complaint = ComplaintFactory()
    upload(client_for(jurist), complaint, "a.pdf", PDF)
    attachment = Attachment.objects.get()
    client = client_for(request.getfixturevalue(persona_name))
    assert (
        client.get(reverse("complaints:attachment_download", args=[complaint.pk, attachment.pk])).status_code
        == 403
    )
