"""The one home of Danish typography (core.formatting): what the committee, a citizen's letter
and the yearly report print."""

import datetime as dt

from django.utils import translation

from core import formatting as fmt


def test_figures_take_a_thousands_dot_and_a_decimal_comma_and_a_missing_figure_is_a_dash():
    assert fmt.number(1050) == "1.050"
    assert fmt.number(0) == "0"
    assert fmt.decimal(17.3) == "17,3"
    assert fmt.decimal(1234.56) == "1.234,6"
    assert fmt.percent(32.2) == "32,2 %"
    assert fmt.days(17.3) == "17,3 dage"
    assert [fmt.number(None), fmt.decimal(None), fmt.percent(None), fmt.days(None)] == ["–"] * 4


def test_a_letter_is_dated_in_danish_whatever_language_the_reader_uses():
    day = dt.date(2024, 8, 22)
    with translation.override("en"):
        assert fmt.danish_date(day) == "22. august 2024"
        assert fmt.long_date(day) == "22. August 2024"
    assert fmt.danish_date(None) == ""
    assert fmt.short_date(dt.date(2024, 3, 5)) == "05.03.2024"
