"""One of everything a URL can point at, so that every URL pattern of the project can be
requested with real ids: a complaint with its attachment, inquiry, mediation round and
letters, a consultation, a supervision with a hearing round and a recommendation, an edition
with an example, and a whistleblower report with a file and a receipt code."""

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from annual_report import services as report_services
from complaints import services as complaint_services
from complaints.models import Complaint, MediationRound
from consultations import services as consultation_services
from consultations.models import Consultation
from core.models import Department
from retention.models import ArchivePackage, Hold
from supervision import services as supervision_services
from tests.factories import (
    ComplaintFactory,
    ContactPersonFactory,
    SupervisionFactory,
    UnitFactory,
    UserFactory,
)
from whistleblower import services as wb_services

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
WB_BODY = "Afdelingslederen bestiller private møbler på kommunens konto."
WB_WITNESS = "Hr. Vidne Vidensen"


@dataclass
class World:
    complaint: Complaint
    attachment_pk: int
    inquiry_pk: int
    consultation: Consultation
    supervision_pk: int
    round_pk: int
    recommendation_pk: int
    year: int
    example_pk: int
    edition_recommendation_pk: int
    report_pk: int
    report_reference: str
    report_file_pk: int
    receipt_code: str
    outbox_pk: str
    note_pks: dict
    letter_pk: int
    reminder_pk: int
    hearing_reminder_pk: int
    access_request_pk: int
    access_letter_pk: int
    hold_pk: int
    package_pk: int

    def kwargs_for(self, name: str, params: list[str]) -> dict:
        """Real values for the parameters of the URL pattern ``name``."""
        app = name.split(":")[0]
        pk = {
            "complaints": self.complaint.pk,
            "consultations": self.consultation.pk,
            "supervision": self.supervision_pk,
            "whistleblower": self.report_pk,
            "core": self.access_request_pk if name.startswith("core:access_") else self.outbox_pk,
            "retention": self.package_pk if name == "retention:collected" else self.hold_pk,
        }.get(app)
        values = {
            "pk": pk,
            "complaint_pk": self.complaint.pk,
            "attachment_pk": self.attachment_pk,
            "inquiry_pk": self.inquiry_pk,
            "round_pk": self.round_pk,
            "rec_pk": self.recommendation_pk,
            "file_pk": self.report_file_pk,
            "note_pk": self.note_pks.get("consultation" if app == "consultations" else app, 0),
            "year": self.year,
            "item_id": self.edition_recommendation_pk
            if name == "annual_report:recommendation_comments"
            else self.example_pk,
            "kind": "eksempel",
            "token": self.complaint.public_token,
            "case_number": self.complaint.case_number,
            "letter_pk": self.access_letter_pk if name == "core:access_letter" else self.letter_pk,
            "reminder_pk": self.hearing_reminder_pk if app == "supervision" else self.reminder_pk,
            "user_pk": self.complaint.pk,  # any id: the unit's member pages check membership first
            "code": "acknowledgement" if app == "complaints" else "SOF",
            "action": "close" if app == "complaints" else "conclude",
        }
        return {param: values[param] for param in params}


def build_world() -> World:
    jurist = UserFactory(username="world-jurist", roles=["jurist"])
    ContactPersonFactory(unit=UnitFactory())
    complaint = ComplaintFactory(state="written", received_on=dt.date(2023, 5, 1))
    attachment = complaint_services.attachment_add(
        complaint=complaint, by=jurist, upload=SimpleUploadedFile("afgoerelse.pdf", PDF)
    )
    inquiry = complaint_services.inquiry_send(
        complaint=complaint, by=jurist, sent_on=dt.date(2023, 5, 2), reply_due=dt.date(2023, 5, 30)
    )
    mediation = ComplaintFactory(state="mediation")
    MediationRound.objects.create(complaint=mediation, party="citizen", summary="Ringede til borgeren.")
    consultation = consultation_services.consultation_create(
        by=jurist,
        kind="consultation",
        channel="phone",
        department=Department.objects.get(code="SOF"),
        topic="Råd om aktindsigt",
    )
    supervision = SupervisionFactory(state="hearing")
    hearing = supervision_services.hearing_round_add(
        supervision=supervision,
        by=jurist,
        department=Department.objects.get(code="SOF"),
        questions="Hvordan sikres partshøring?",
        sent_on=dt.date(2023, 6, 1),
        deadline=dt.date(2023, 7, 1),
    )
    recommendation = supervision_services.recommendation_add(
        supervision=supervision,
        by=jurist,
        kind="recommendation",
        department=Department.objects.get(code="SOF"),
        text="Partshøring bør dokumenteres.",
    )
    edition = report_services.edition_for_year(2023)
    example = report_services.example_save(
        edition=edition,
        by=jurist,
        heading="Et eksempel",
        category="complaint",
        case_numbers=complaint.case_number,
        all_departments=False,
        departments=[],
        pull_quote="",
        narrative="Tekst.",
    )
    edition_recommendation = report_services.recommendation_save(
        edition=edition,
        by=jurist,
        recommendation=None,
        number=1,
        heading="En anbefaling",
        text="Tekst.",
        all_departments=True,
        departments=[],
        comments={},
    )
    report, code = wb_services.report_submit(
        body=WB_BODY, third_persons=WB_WITNESS, reporter_name="Anna Anonym"
    )
    from tests.files import pdf_with_author

    stored = wb_services.report_file_add(
        report=report, upload=SimpleUploadedFile("bilag.pdf", pdf_with_author()), sender="reporter"
    )
    from whistleblower.cleaning import report_file_clean

    report_file_clean(stored.pk)  # what the worker does after the commit
    from ops.models import OutboxMessage

    failed_mail = OutboxMessage.objects.create(
        subject="Nyt i din sag", body="…", recipients=["karen@example.invalid"], purpose="complainant notice"
    )
    OutboxMessage.objects.filter(pk=failed_mail.pk).update(state="failed", attempts=7)
    from core import notes

    note_pks = {
        app: notes.note_add(case=case, instance=instance, by=jurist, data={"text": "Notat."}).pk
        for app, case, instance in [
            ("complaints", "complaint", complaint),
            ("consultation", "consultation", consultation),
            ("supervision", "supervision", supervision),
        ]
    }
    from core import access
    from core.models import ClosingDay

    ClosingDay.objects.create(day=dt.date(2023, 6, 2), label="Ekstra lukkedag")
    access_request = access.access_request_register(
        instance=complaint,
        by=jurist,
        data={
            "requester": "third_party",
            "requester_name": "Journalist",
            "received_on": timezone.localdate(),
            "basis": "offentlighedsloven",
        },
    )
    deadline_letter = access.deadline_letter_send(
        access_request=access_request,
        by=jurist,
        reason="Mange dokumenter.",
        expected_on=access_request.due_on + dt.timedelta(days=7),
    )
    # The retention schedule: a case kept, and an archive package done (not collected).
    hold = Hold.objects.create(
        case_kind="complaint",
        case_id=mediation.pk,
        case_number=mediation.case_number,
        kind="keep",
        reason="Principiel sag.",
        decided_by=jurist,
    )
    package = ArchivePackage.objects.create(state="done", cases=[], file="archive/arkivpakke-000000.zip")
    return World(
        complaint=complaint,
        hold_pk=hold.pk,
        package_pk=package.pk,
        access_request_pk=access_request.pk,
        access_letter_pk=deadline_letter.pk,
        attachment_pk=attachment.pk,
        inquiry_pk=inquiry.pk,
        consultation=consultation,
        supervision_pk=supervision.pk,
        round_pk=hearing.pk,
        recommendation_pk=recommendation.pk,
        year=2023,
        example_pk=example.pk,
        edition_recommendation_pk=edition_recommendation.pk,
        report_pk=report.pk,
        report_reference=report.reference,
        report_file_pk=stored.pk,
        receipt_code=code,
        outbox_pk=str(failed_mail.pk),
        note_pks=note_pks,
        hearing_reminder_pk=supervision_services.HEARINGS.remind(
            hearing_round=hearing, by=jurist, sent_on=dt.date(2023, 6, 20)
        ).pk,
        reminder_pk=complaint_services.INQUIRIES.remind(
            inquiry=inquiry, by=jurist, sent_on=dt.date(2023, 5, 31)
        ).pk,
        letter_pk=complaint_services.letter_send(
            complaint=complaint, by=jurist, code="information_request", free_text="Send afgørelsen."
        ).pk,
    )


def url(sample, world: World) -> str:
    """The path of ``sample`` (tests.urls.UrlSample) with the world's real ids; admin object
    pages point at the first row of their model."""
    if not sample.params:
        return sample.path
    if sample.name.startswith("admin:"):
        if sample.params not in (("object_id",), ("id",)) or "<unnamed" in sample.name:
            return sample.path  # app index, view on site, the admin's redirects: samples do
        from django.contrib import admin

        short = sample.name.removeprefix("admin:")
        model = next(
            m for m in admin.site._registry if short.startswith(f"{m._meta.app_label}_{m._meta.model_name}_")
        )
        first = model.objects.order_by("pk").first()
        return reverse(sample.name, kwargs={sample.params[0]: first.pk if first else 1})
    return reverse(sample.name, kwargs=world.kwargs_for(sample.name, list(sample.params)))
