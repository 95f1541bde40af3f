"""E-mail the whistleblower unit about deadlines: acknowledgements due within 2 days and
feedback due within 14 days. The mail holds counts and a link — never content or references."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from whistleblower.services import due_soon


class Command(BaseCommand):
    help = "Remind the whistleblower unit of statutory deadlines (no content in the mail)."

    def handle(self, *args, **options):
        counts = due_soon(timezone.localdate())
        if not any(counts.values()):
            self.stdout.write("No deadlines within the reminder windows.")
            return
        recipients = list(
            get_user_model()
            .objects.filter(groups__name="whistleblower_unit", is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        link = settings.PUBLIC_BASE_URL.rstrip("/") + reverse("whistleblower:unit_queue")
        body = (
            f"Kvitteringer, der skal sendes inden 2 dage: {counts['acknowledgements']}\n"
            f"Feedback, der skal gives inden 14 dage: {counts['feedback']}\n\nSe køen: {link}\n"
        )
        send_mail("Whistleblowerordningen: frister", body, None, recipients)
        self.stdout.write(f"Reminded {len(recipients)} unit member(s): {counts}")
