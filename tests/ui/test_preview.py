"""The library's previews: a circuit with its time, rests, doses and safety notes; today's
plan session with what the plan changes; a plan week by week toward race day. Every text
from a file is escaped, and each ends with the clinician note."""

from __future__ import annotations

from datetime import date
from html import escape

import pytest

from circuit_timer.core.describe import CLINICIAN_NOTE
from circuit_timer.core.library import Library, load_library
from circuit_timer.core.model import Plan
from circuit_timer.core.schedule import plan_schedule
from circuit_timer.files import paths
from circuit_timer.ui.preview import circuit_html, plan_html, plan_session_html
from tests.sample_circuits import SMALL, circuit


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(paths.bundled_circuits_dir(), None)


def test_a_circuit_shows_its_time_rests_doses_and_notes() -> None:
    small = circuit(SMALL)
    html = circuit_html(small)
    assert html.startswith("<h2>Small</h2>")
    assert "Rest 6 s between sets, 5 s between exercises; 2 s to switch sides." in html
    assert "<b>About " in html and " min</b>" in html and "1 block" in html
    for name in ("Raise", "Stretch", "Bridge", "Hops"):
        assert f"<li><b>{name}</b>: " in html
    assert html.endswith(f"<p><small>{escape(CLINICIAN_NOTE)}</small></p>")


def test_text_from_a_file_is_escaped() -> None:
    odd = circuit("""
        title: "<b>Loud</b> & proud"
        blocks:
          - exercises:
              - {id: a, name: "<i>A</i>", work: 5, notes: "Stop at 5/10 <pain>\\nthen rest"}
    """)
    html = circuit_html(odd)
    assert "<h2>&lt;b&gt;Loud&lt;/b&gt; &amp; proud</h2>" in html
    assert "<b>&lt;i&gt;A&lt;/i&gt;</b>" in html
    assert "<i>Notes:</i> Stop at 5/10 &lt;pain&gt;<br>then rest" in html


def test_todays_plan_session_says_what_the_plan_changes(library: Library) -> None:
    plan = library.plan("pf-crash-course-4-weeks")
    written = library.circuit("pf-crash-course")
    assert plan is not None and written is not None
    by_day = {p.date: p for p in plan_schedule(plan, date(2026, 12, 20), date(2026, 11, 16))}
    as_written = plan_session_html(by_day[date(2026, 11, 18)], written, written)
    assert "<p><b>Today's plan session</b> (4 weeks out" in as_written
    assert "The plan runs the circuit as written today." in as_written
    heavier = plan_session_html(by_day[date(2026, 11, 25)], written, written)
    assert (
        "The plan changes today:<ul><li><b>Single-leg heel raise, towel under the toes</b>: "
        in heavier
    )
    assert "4 sets of 10 (usually 3 sets of 12); load: 10RM" in heavier
    assert "The doses below are the plan's." in heavier
    # A change to the whole session has no exercise name before it.
    lighter = plan_session_html(by_day[date(2026, 12, 2)], written, written)
    assert "<ul><li>half the sets</li>" in lighter


def test_a_plan_runs_from_the_furthest_week_to_race_week(library: Library) -> None:
    plan = library.plan("pf-crash-course-4-weeks")
    assert plan is not None
    html = plan_html(plan, library)
    assert html.startswith(f"<h2>{escape(plan.title)}</h2>")
    assert "<p><b>4 weeks + race week</b> · 15 sessions</p>" in html
    headings = [part.split("</h3>")[0] for part in html.split("<h3>")[1:]]
    assert [h.split(":")[0] for h in headings] == [
        "4 weeks out",
        "3 weeks out",
        "2 weeks out",
        "1 week out",
        "Race week",
    ]
    assert "<li>33 days before the race: Left-right check: heel raise, bridge" in html
    assert (
        "<li>3 days before the race: Taper maintenance<br><small>half the sets</small></li>" in html
    )
    assert html.endswith(f"<p><small>{escape(CLINICIAN_NOTE)}</small></p>")


def test_a_plan_by_weekday_names_the_day_and_a_week_without_sessions_rests(
    library: Library,
) -> None:
    plan = Plan.model_validate(
        {
            "id": "p",
            "title": "P",
            "weeks": [
                {"weeks_out": 1, "sessions": [{"circuit": "pf-crash-course", "day": "wed"}]},
                {"weeks_out": 0, "sessions": []},
            ],
        }
    )
    html = plan_html(plan, library)
    assert "<li>Wednesday: Plantar fasciitis crash course</li>" in html
    assert "<h3>Race week</h3>\n<p>Rest week: no sessions.</p>" in html
