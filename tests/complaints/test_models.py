import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from complaints.models import CaseEvent, mask_cpr, normalise_cpr
from tests.factories import ComplaintFactory


@pytest.mark.parametrize(("raw", "clean"), [("0101901234", "010190-1234"), (" 010190-1234 ", "010190-1234")])
def test_cpr_is_normalised_to_ddmmyy_xxxx(raw, clean):
    assert normalise_cpr(raw) == clean


@pytest.mark.parametrize(
    "raw", ["", "01019-1234", "010190-12345", "abcdef-ghij", "320190-1234", "011390-1234"]
)
def test_malformed_or_impossible_cpr_is_refused(raw):
    with pytest.raises(ValidationError):
        normalise_cpr(raw)


def test_cpr_is_masked_after_the_birth_date():
    assert mask_cpr("010190-1234") == "010190-****"
    assert mask_cpr("") == ""


@pytest.mark.django_db
def test_str_of_a_case_is_its_number_never_the_cpr():
    complaint = ComplaintFactory(person_cpr="010190-1234")
    assert str(complaint) == complaint.case_number


@pytest.mark.django_db
def test_database_refuses_a_closed_case_without_track_or_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        ComplaintFactory(state="closed", closed_on=None, track="telephone")
    with pytest.raises(IntegrityError), transaction.atomic():
        ComplaintFactory(state="closed", closed_on=dt.date(2023, 6, 1), track="")


@pytest.mark.django_db
def test_database_refuses_closing_before_receiving():
    with pytest.raises(IntegrityError), transaction.atomic():
        ComplaintFactory(
            state="closed", received_on=dt.date(2023, 6, 2), closed_on=dt.date(2023, 6, 1), track="telephone"
        )


@pytest.mark.django_db
def test_timeline_rows_have_danish_labels(jurist):
    complaint = ComplaintFactory()
    assert CaseEvent(complaint=complaint, action="call").action_label == "Løs telefonisk"
    assert CaseEvent(complaint=complaint, action="reminder_sent").action_label == "Rykker sendt"
