"""The sheet's PDF: escaped rich text, rows never cut by a page's end (a row that would be
starts the next page under the column names again), footers with page numbers, the
paper asked for, and a write that is whole or nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPdfWriter
from PySide6.QtWidgets import QApplication

from circuit_timer.core.library import load_library
from circuit_timer.core.sheet import Sheet, circuit_sheet
from circuit_timer.files import paths
from circuit_timer.ui import sheet_pdf
from circuit_timer.ui.sheet_pdf import (
    SheetWriteError,
    gui_application,
    laid_out,
    sheet_html,
    write_sheet_pdf,
)
from tests.pdf_reading import page_size, poppler

LIBRARY = load_library(paths.bundled_circuits_dir(), None)
DAY = date(2026, 11, 30)

pytestmark = pytest.mark.usefixtures("qapp")


def pf_sheet() -> Sheet:
    circuit = LIBRARY.circuit("pf-crash-course")
    assert circuit is not None
    return circuit_sheet(circuit, DAY)


def pdf_text(path: Path) -> str:
    return poppler("pdftotext", "-layout", path, "-")


def test_text_from_a_file_is_escaped() -> None:
    sheet = replace(pf_sheet(), title="Heel <b>raises</b> & more")
    html = sheet_html(sheet)
    assert "Heel &lt;b&gt;raises&lt;/b&gt; &amp; more" in html
    assert "<b>raises</b>" not in html


def test_a_moved_row_starts_a_page_under_the_column_names() -> None:
    sheet = pf_sheet()
    plain = sheet_html(sheet)
    moved = sheet_html(sheet, frozenset({(0, 1)}))
    assert plain.count("<th ") == moved.count("<th ") - 4 and "page-break-before" not in plain
    assert moved.count("page-break-before: always") == 1
    # Moving a section's first row moves its heading with it (no heading alone at a foot).
    first = sheet_html(sheet, frozenset({(2, 0)}))
    assert '<h2 style="page-break-before: always;">3. Main strength</h2>' in first


def test_no_row_is_cut_by_the_end_of_a_page(tmp_path: Path) -> None:
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    writer.setResolution(sheet_pdf.RESOLUTION)
    # A short page: rows that would straddle its end are many.
    body = QSizeF(2000, 1800)
    document = laid_out(pf_sheet(), writer, body)
    tables = document.rootFrame().childFrames()
    assert len(tables) == sum(len(s.rows) for s in pf_sheet().sections)
    for table in tables:
        rect = document.documentLayout().frameBoundingRect(table)
        assert rect.top() // body.height() == (rect.bottom() - 1) // body.height()
    assert document.pageCount() > 4


def test_a4_by_default_letter_when_asked_and_a_footer_on_every_page(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    a4, letter = folder / "a4.pdf", folder / "letter.pdf"
    write_sheet_pdf(pf_sheet(), a4)
    write_sheet_pdf(pf_sheet(), letter, "letter")
    assert page_size(letter) == "612 x 792 pts (letter)"
    text = pdf_text(a4)
    pages = text.count("\f")
    assert pages >= 3
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in text
    assert text.count("Plantar fasciitis crash course · Printed Mon 30 Nov 2026") == pages
    assert sorted(p.name for p in folder.iterdir()) == ["a4.pdf", "letter.pdf"]


def test_an_unwritable_folder_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "gone" / "x.pdf"
    with pytest.raises(SheetWriteError) as raised:
        write_sheet_pdf(pf_sheet(), target)
    assert str(raised.value) == f"cannot write {target}: No such file or directory"


def test_a_failed_paint_leaves_no_part_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object) -> None:
        raise SheetWriteError("the PDF writer could not start")

    monkeypatch.setattr(sheet_pdf, "_paint", fail)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(SheetWriteError) as raised:
        write_sheet_pdf(pf_sheet(), folder / "x.pdf")
    assert str(raised.value) == f"cannot write {folder / 'x.pdf'}: the PDF writer could not start"
    assert list(folder.iterdir()) == []


def test_the_running_application_is_used() -> None:
    assert gui_application() is QApplication.instance()


def test_a_test_has_blanks_to_write_the_count_in() -> None:
    circuit = LIBRARY.circuit("heel-raise-test")
    assert circuit is not None
    html = sheet_html(circuit_sheet(circuit, DAY))
    assert html.count("Left: ________") == html.count("Right: ________") == 3
