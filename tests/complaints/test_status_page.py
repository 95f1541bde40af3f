"""The citizen's status page says what happens now: that we wait for their answer and by when,
every letter we sent them and every message they sent us, and who handles the case."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from complaints import services
from complaints.models import LetterTemplate
from tests.clock import copenhagen
from tests.factories import ComplaintFactory, UserFactory
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db


def test_the_citizen_is_told_we_wait_for_their_answer_and_by_when():
    jurist = UserFactory(username="status-jurist", first_name="Sofie", last_name="Lund", roles=["jurist"])
    complaint = ComplaintFactory(
        state="screening", channel="email", responsible=jurist, person_name="Karen Holm"
    )
    with copenhagen(dt.date(2025, 12, 19)):
        letter = services.letter_send(
            complaint=complaint,
            by=jurist,
            code=LetterTemplate.Code.INFORMATION_REQUEST,
            free_text="Send os kommunens afgørelse af 1. december.",
        )
    # The letter names the day: 10 working days after it, over Christmas and New Year.
    assert "Vi beder dig sende oplysningerne senest den 9. januar 2026." in " ".join(
        pdf_text(letter.pdf.read()).split()
    )
    url = reverse("complaints:public_status", args=[complaint.public_token])
    with copenhagen(dt.date(2025, 12, 22)):
        html = Client().get(url).content.decode()
    top = html[html.index("<h1>") : html.index("Breve til dig") if "Breve til dig" in html else None]
    assert "Din sag behandles af Sofie." in top
    assert "Vi venter på dit svar — senest 9. januar 2026." in top
    # The letter is on the timeline (and linked once, in the list of letters).
    timeline = html[html.index('class="timeline"') :]
    assert "Vi sendte dig et brev: Vi har brug for flere oplysninger" in timeline
    link = reverse("complaints:public_letter", args=[complaint.public_token, letter.pk])
    assert html.count(f'href="{link}"') == 1

    with copenhagen(dt.date(2025, 12, 23)):
        services.incoming_from_citizen(complaint=complaint, text="Afgørelsen kommer med posten.")
        html = Client().get(url).content.decode()
    assert "Vi venter på dit svar" not in html
    assert "Afgørelsen kommer med posten." in html[html.index('class="timeline"') :]
