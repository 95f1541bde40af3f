"""CPR numbers in free text are masked in what is handed out (issue 22); what only looks like
one — a case number, a telephone number, a date, an amount — is left alone. Expected texts are
written out by hand."""

import pytest

from core.redact import redact_cpr


@pytest.mark.parametrize(
    "text,expected",
    [
        ("030405-4321 laegeerklaering.pdf", "030405-**** laegeerklaering.pdf"),
        ("cpr 0304054321.", "cpr 030405-****."),
        ("cpr: 030405 4321", "cpr: 030405-****"),
        ("030405 – 4321 (med tankestreg)", "030405-**** (med tankestreg)"),
        ("født 03.04.05-4321", "født 030405-****"),
        ("nr.030405-4321", "nr.030405-****"),
        ("290200-1234 (skudår 2000)", "290200-**** (skudår 2000)"),
        ("650405-1234 (erstatningsnummer)", "650405-**** (erstatningsnummer)"),
        ("to: 010190-1234 og 020290-5678", "to: 010190-**** og 020290-****"),
    ],
)
def test_cpr_numbers_written_in_every_usual_way_are_masked(text, expected):
    assert redact_cpr(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sagsnr. 2024-0001234",
        "WB-2024-0001",
        "Ring på 33 66 14 00 eller +45 33661400",
        "Mødet er kl. 14.30 den 03.04.2005",
        "Datoen 2024-03-12 og 12-03-2024 1400",
        "Beløbet er 1.234.567,89 kr.",
        "310405-1234 (31. april findes ikke)",
        "320105-1234 (dag 32)",
        "011305-1234 (måned 13)",
        "290201-1234 (ikke skudår)",
        "030405-43210 (fem cifre)",
        "0304051234567 (et længere tal)",
    ],
)
def test_what_only_looks_like_a_cpr_number_is_left_alone(text):
    assert redact_cpr(text) == text


def test_anything_but_text_passes_through():
    assert redact_cpr(5) == 5 and redact_cpr(None) is None and redact_cpr("") == ""
