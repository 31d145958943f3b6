"""A sheet (core/sheet.py) as a printable PDF, written with Qt's own PDF writer.

The sheet is laid out as rich text (QTextDocument) on the page's printable area less a
footer, and painted page by page with the footer (title, print date, "Page 1 of 3") drawn
under each page's slice. Black on white: headings, rules, bold and boxes carry the
meaning, never a colour. The file is written beside the target and renamed over it, so a
failed write leaves no half a PDF.
"""

from __future__ import annotations

import os
import tempfile
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from circuit_timer.core.sheet import Sheet, SheetRow, Ticks, printed_line

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
DEFAULT_PAPER = "a4"
# Dots per inch of the PDF's coordinates: fine enough for hairlines and small type.
RESOLUTION = 300
# Page margins in millimetres (left, top, right, bottom): room for a printer's edge and
# for a hole punch on the left.
MARGINS_MM = (18.0, 14.0, 14.0, 12.0)
BODY_POINTS = 11
FOOTER_POINTS = 9
# An empty ballot box: the font draws it, so it prints as sharp as the text.
BOX = "\u2610"
FONT_FAMILIES = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"]

STYLE = """
h1 { font-size: 20pt; font-weight: bold; margin-bottom: 4px; }
h2 { font-size: 14pt; font-weight: bold; margin-top: 16px; margin-bottom: 2px; }
p { margin-top: 2px; margin-bottom: 2px; }
p.printed { font-size: 9pt; }
p.under { font-style: italic; margin-bottom: 6px; }
p.item { margin-top: 0px; margin-bottom: 5px; }
table { border-color: black; border-style: solid; }
th { font-weight: bold; text-align: left; background-color: #e6e6e6; }
td.notes { font-size: 9.5pt; }
span.box { font-size: 17pt; }
ul { margin-top: 2px; margin-bottom: 0px; -qt-list-indent: 1; }
li { font-size: 10pt; }
"""


class SheetWriteError(Exception):
    """The PDF could not be written (one line: which file, and why)."""


def gui_application() -> QGuiApplication:
    """The running Qt application (the window's), else a new one on the offscreen
    platform: the command line draws no window, so it needs no display (over SSH, say).
    The platform is passed as an argument, never through the environment, so nothing
    this process starts inherits it."""
    running = QGuiApplication.instance()
    if isinstance(running, QGuiApplication):
        return running
    return QGuiApplication(["circuit-timer", "-platform", "offscreen"])


def _lines(lines: tuple[str, ...]) -> str:
    # A paragraph a line, with a little space after: a line that wraps still reads as one.
    return "".join(f'<p class="item">{escape(line)}</p>' for line in lines)


def _ticks(ticks: Ticks) -> str:
    groups = []
    for label, count in ticks.groups:
        boxes = "&nbsp;".join(f'<span class="box">{BOX}</span>' for _ in range(count))
        groups.append(f"{escape(label)}&nbsp;{boxes}" if label else boxes)
    return "<br>".join(groups)


# A row of a section's table: (section index, row index).
RowKey = tuple[int, int]


def _row(row: SheetRow, widths: tuple[int, ...], with_ticks: bool) -> str:
    first, *rest = row.cells
    head = f"<b>{escape(first[0])}</b>" + "".join(f"<br>{escape(x)}" for x in first[1:])
    if row.cues:
        head += "<ul>" + "".join(f"<li>{escape(cue)}</li>" for cue in row.cues) + "</ul>"
    cells = [head, *(_lines(cell) for cell in rest)]
    if with_ticks:
        blanks = "".join(f"<br>{escape(label)}: ________" for label in row.write_in)
        cells.append(_ticks(row.ticks) + blanks)
    # Every row is a table of its own: each says its widths, so the columns line up.
    out = "<tr>" + "".join(
        f'<td valign="top" width="{w}%">{cell}</td>' for cell, w in zip(cells, widths, strict=False)
    )
    out += "</tr>"
    if row.notes:
        out += (
            f'<tr><td class="notes" colspan="{len(widths)}">'
            f"<b>Notes:</b> {escape(row.notes)}</td></tr>"
        )
    return out


# Column widths (per cent) by kind and column count: the first (the exercise, or the
# date) and the text-heavy ones get the room; the tick column fits its boxes.
WIDTHS = {
    ("circuit", 4): (38, 26, 18, 18),
    ("plan", 4): (17, 26, 47, 10),
    ("plan", 3): (16, 30, 54),
}
BREAK = "page-break-before: always;"


def _section(sheet: Sheet, number: int, breaks: frozenset[RowKey]) -> str:
    """A section: its heading, its lines, and each row as a table of its own, so that a
    row can be moved whole to the next page (``breaks``), under the column names again."""
    section = sheet.sections[number]
    moved = (number, 0) in breaks  # the heading goes with its first row
    out = [f'<h2 style="{BREAK if moved else ""}">{escape(section.heading)}</h2>']
    out += [f'<p class="under">{escape(line)}</p>' for line in section.lines]
    count = len(section.columns)
    with_ticks = any(row.ticks.boxes for row in section.rows)
    widths = WIDTHS.get((sheet.kind, count), (100 // count,) * count)
    heads = "".join(
        f'<th width="{w}%">{escape(name)}</th>'
        for name, w in zip(section.columns, widths, strict=False)
    )
    for index, row in enumerate(section.rows):
        breaking = (number, index) in breaks and index > 0
        head = f"<tr>{heads}</tr>" if index == 0 or breaking else ""
        out.append(
            '<table width="100%" border="1" cellspacing="0" cellpadding="5" '
            f'style="border-collapse: collapse; {BREAK if breaking else ""}">'
            f"{head}{_row(row, widths, with_ticks)}</table>"
        )
    return "\n".join(out)


def sheet_html(sheet: Sheet, breaks: frozenset[RowKey] = frozenset()) -> str:
    """The sheet as the rich text QTextDocument lays out; each row in ``breaks`` starts a
    new page."""
    out = [f"<h1>{escape(sheet.title)}</h1>"]
    out.append(f'<p class="printed">{escape(printed_line(sheet.printed))} · {sheet.id}</p>')
    out += [f"<p>{escape(line)}</p>" for line in sheet.facts]
    out += [_section(sheet, number, breaks) for number in range(len(sheet.sections))]
    out.append("<p>&nbsp;</p>")
    out += [f"<p><i>{escape(line)}</i></p>" for line in sheet.closing]
    return "\n".join(out)


def _font(points: float) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(points)
    # No "fi"/"fl" ligatures: text copied or searched out of the PDF keeps its letters.
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def _document(
    sheet: Sheet, writer: QPdfWriter, body: QSizeF, breaks: frozenset[RowKey]
) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(_font(BODY_POINTS))
    document.setDefaultStyleSheet(STYLE)
    document.setDocumentMargin(0)
    document.setHtml(sheet_html(sheet, breaks))
    document.setPageSize(body)
    return document


def _straddles(top: float, bottom: float, page: float) -> bool:
    """Whether a row from ``top`` to ``bottom`` crosses a page's end (and would fit on
    one page: a row taller than a page has to be cut somewhere)."""
    return top // page != (bottom - 1) // page and bottom - top < page * 0.9


def laid_out(sheet: Sheet, writer: QPdfWriter, body: QSizeF) -> QTextDocument:
    """The sheet laid out on pages of ``body`` size with no row cut by a page's end:
    the first row that would be is moved to the next page, and the layout done again."""
    keys = [(s, r) for s, section in enumerate(sheet.sections) for r in range(len(section.rows))]
    breaks: frozenset[RowKey] = frozenset()
    while True:
        document = _document(sheet, writer, body, breaks)
        layout = document.documentLayout()
        tables = document.rootFrame().childFrames()
        cut = next(
            (
                key
                for key, table in zip(keys, tables, strict=True)
                if key not in breaks
                and _straddles(
                    (rect := layout.frameBoundingRect(table)).top(), rect.bottom(), body.height()
                )
            ),
            None,
        )
        if cut is None:
            return document
        breaks |= {cut}


def _paint(sheet: Sheet, writer: QPdfWriter) -> None:
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    footer_font = _font(FOOTER_POINTS)
    footer = 2.6 * FOOTER_POINTS * writer.resolution() / 72
    body = QSizeF(area.width(), area.height() - footer)
    document = laid_out(sheet, writer, body)
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(writer):
        raise SheetWriteError("the PDF writer could not start")
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * body.height())
            document.drawContents(
                painter, QRectF(0, page * body.height(), body.width(), body.height())
            )
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QPen(Qt.GlobalColor.black, writer.resolution() / 150))
            top = area.height() - footer * 0.75
            painter.drawLine(0, int(top), area.width(), int(top))
            text = QRectF(0, top, area.width(), footer * 0.75)
            left = f"{sheet.title} · {printed_line(sheet.printed)}"
            painter.drawText(text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
            painter.drawText(
                text,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"Page {page + 1} of {pages}",
            )
    finally:
        painter.end()


def write_sheet_pdf(sheet: Sheet, target: Path, paper: str = DEFAULT_PAPER) -> None:
    """Write ``sheet`` to ``target`` as a PDF on ``paper`` ("a4" or "letter"), whole or
    not at all; a ``SheetWriteError`` says why not."""
    gui_application()
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
    except OSError as exc:
        raise SheetWriteError(f"cannot write {target}: {exc.strerror or exc}") from None
    os.close(handle)
    partial = Path(name)
    try:
        writer = QPdfWriter(str(partial))
        writer.setResolution(RESOLUTION)
        writer.setTitle(sheet.title)
        writer.setCreator("circuit-timer")
        writer.setPageLayout(
            QPageLayout(
                QPageSize(PAPERS[paper]),
                QPageLayout.Orientation.Portrait,
                QMarginsF(*MARGINS_MM),
                QPageLayout.Unit.Millimeter,
            )
        )
        _paint(sheet, writer)
        del writer  # the writer finishes the file when it goes
        os.replace(partial, target)
    except OSError as exc:
        raise SheetWriteError(f"cannot write {target}: {exc.strerror or exc}") from None
    except SheetWriteError as exc:
        raise SheetWriteError(f"cannot write {target}: {exc}") from None
    finally:
        partial.unlink(missing_ok=True)
