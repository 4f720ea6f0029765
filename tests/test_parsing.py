"""Dutch value parsing, directly on the parsers (the build tests cover the messages)."""

from decimal import Decimal

import pytest

from sphinxext_kernbeleid.model.parsing import (
    ParseError,
    Quarter,
    format_money,
    format_number,
    parse_list,
    parse_money,
    parse_quantity,
    parse_quarter_range,
    parse_year_value,
)


@pytest.mark.parametrize(
    "text, value, percent",
    [
        ("6,9", Decimal("6.9"), False),
        ("28,8%", Decimal("28.8"), True),
        ("28,8 %", Decimal("28.8"), True),
        ("1.000", Decimal("1000"), False),
        ("1.234.567,89", Decimal("1234567.89"), False),
        ("-3,5", Decimal("-3.5"), False),
        ("12", Decimal("12"), False),
        ("1 000", Decimal("1000"), False),
    ],
)
def test_quantities(text, value, percent):
    quantity = parse_quantity(text)
    assert quantity.value == value
    assert quantity.percent is percent


@pytest.mark.parametrize(
    "text, value",
    [
        ("€ 25.000", Decimal("25000")),
        ("€25.000,50", Decimal("25000.50")),
        ("€ 1.234.567,89", Decimal("1234567.89")),
        ("EUR 1.000", Decimal("1000")),
        ("€ 1.000,-", Decimal("1000")),
        ("25.000 euro", Decimal("25000")),
        ("0", Decimal("0")),
    ],
)
def test_money(text, value):
    assert parse_money(text) == value


def test_year_value_keeps_what_was_written():
    measured = parse_year_value("6,9 (2023)")
    assert (measured.value, measured.year, str(measured)) == (Decimal("6.9"), 2023, "6,9 (2023)")
    assert str(parse_year_value("34% (2022)")) == "34% (2022)"


def test_quarter_ranges():
    span = parse_quarter_range("2026-Q1..2026-Q3")
    assert (span.start, span.end) == (Quarter(2026, 1), Quarter(2026, 3))
    assert [str(q) for q in span.quarters()] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert str(parse_quarter_range("2026-Q2")) == "2026-Q2"
    assert str(parse_quarter_range("2026-Q4 t/m 2027-Q1")) == "2026-Q4 t/m 2027-Q1"
    assert len(parse_quarter_range("2026-Q4..2027-Q2").quarters()) == 3


def test_lists():
    assert parse_list("Politie; RIEC; Belastingdienst") == ["Politie", "RIEC", "Belastingdienst"]
    assert parse_list("5.2, 2.2") == ["5.2", "2.2"]
    assert parse_list("Politie, Openbaar Ministerie; RIEC") == [
        "Politie, Openbaar Ministerie",
        "RIEC",
    ]
    assert parse_list("  ") == []


@pytest.mark.parametrize(
    "parser, text, reason",
    [
        (parse_quantity, "7.2", "gebruikt een punt als decimaalteken; schrijf een komma"),
        (parse_quantity, "zeven", "is geen getal"),
        (parse_quantity, "", "is leeg"),
        (parse_money, "-€ 5", "is geen getal"),
        (parse_year_value, "6,9", "mist het jaar"),
        (parse_year_value, "6,9 in 2023", "zet het jaar tussen haakjes achter de waarde"),
        (parse_year_value, "6,9 (1850)", "heeft een onwaarschijnlijk jaar 1850"),
        (parse_quarter_range, "2026-Q3..2026-Q1", "eindigt (2026-Q1) vóór het begint (2026-Q3)"),
        (parse_quarter_range, "Q1 '26", "'Q1 '26' is geen kwartaal"),
    ],
)
def test_bad_values_say_why(parser, text, reason):
    with pytest.raises(ParseError) as info:
        parser(text)
    assert info.value.reason == reason


def test_formatting_is_dutch():
    assert format_number(Decimal("1234.5")) == "1.234,5"
    assert format_number(Decimal("1000000")) == "1.000.000"
    assert format_money(Decimal("25000")) == "€ 25.000"
    assert format_money(Decimal("1250.5")) == "€ 1.250,50"
