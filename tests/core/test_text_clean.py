from circuit_timer.core.text_clean import csv_cell, printable


def test_printable_drops_escape_sequences_and_keeps_newline_and_tab() -> None:
    text = "Hip\x1b]0;pwned\x07 day\x1b[2J\x9b\n\tnote"
    assert printable(text) == "Hip]0;pwned day[2J\n\tnote"


def test_csv_cell_quotes_formula_starts_only() -> None:
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_cell(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"
    assert csv_cell("Hip day") == "Hip day"
    assert csv_cell(-3) == -3
    assert csv_cell(None) is None
