"""HTML previews of circuits, today's plan session and plans, for the library page."""

from __future__ import annotations

from html import escape

from circuit_timer.core.dates import FULL_DAY_NAMES
from circuit_timer.core.describe import CLINICIAN_NOTE, exercise_line, minutes, plan_length, plural
from circuit_timer.core.library import Library
from circuit_timer.core.model import WEEKDAYS, Circuit, Plan, Session
from circuit_timer.core.plan_words import change_lines, session_changes, week_title
from circuit_timer.core.schedule import PlannedSession
from circuit_timer.core.timeline import compile_timeline

DAY_WORDS = dict(zip(WEEKDAYS, FULL_DAY_NAMES, strict=True))


def circuit_html(circuit: Circuit, note: str = "") -> str:
    """Blocks, exercises with doses and sides, rests, equipment, cues, notes and the time.

    ``note`` (HTML) goes right under the title.
    """
    seconds = compile_timeline(circuit).estimated_seconds
    d = circuit.defaults
    out = [f"<h2>{escape(circuit.title)}</h2>", note]
    if circuit.summary:
        out.append(f"<p>{escape(circuit.summary)}</p>")
    facts = [f"<b>About {minutes(seconds)} min</b>", plural(len(circuit.blocks), "block")]
    if circuit.equipment:
        facts.append("equipment: " + escape(", ".join(circuit.equipment)))
    out.append("<p>" + " · ".join(facts) + "</p>")
    out.append(
        f"<p>Rest {d.rest} s between sets, {d.rest_between_exercises} s between exercises; "
        f"{d.switch_sides} s to switch sides.</p>"
    )
    for index, block in enumerate(circuit.blocks):
        rounds = ""
        if block.rounds > 1:
            rounds = f" · {block.rounds} rounds, {circuit.rest_between_rounds(index)} s between"
        out.append(f"<h3>{escape(circuit.block_title(index))} <small>({block.kind}{rounds})"
                   "</small></h3><ul>")  # fmt: skip
        for ex in block.exercises:
            item = f"<b>{escape(ex.name)}</b>: {escape(exercise_line(circuit, ex))}"
            if ex.load:
                item += f"<br><i>Load:</i> {escape(ex.load)}"
            if ex.cues:
                item += "<br>" + "<br>".join(f"\u203a {escape(c)}" for c in ex.cues)
            if ex.notes and ex.notes.strip():
                # The notes hold the safety lines (pain bands, when to skip, counting rules).
                note = escape(ex.notes.strip()).replace("\n", "<br>")
                item += f"<br><i>Notes:</i> {note}"
            out.append(f"<li>{item}</li>")
        out.append("</ul>")
    out.append(f"<p><small>{escape(CLINICIAN_NOTE)}</small></p>")
    return "\n".join(part for part in out if part)


def plan_session_html(planned: PlannedSession, adjusted: Circuit, written: Circuit | None) -> str:
    """Today's plan session: the circuit with the plan's doses, and what the plan changes
    from the circuit as written (``written``)."""
    week = escape(week_title(planned.weeks_out, planned.week_label))
    changes = session_changes(planned.session, written)
    if changes:
        items = "".join(
            f"<li>{f'<b>{escape(name)}</b>: ' if name else ''}"
            f"{'; '.join(escape(p) for p in parts)}</li>"
            for name, parts in changes
        )
        what = f"The plan changes today:<ul>{items}</ul>The doses below are the plan's."
    else:
        what = "The plan runs the circuit as written today."
    note = f"<p><b>Today's plan session</b> ({week}). {what}</p>"
    return circuit_html(adjusted, note)


def _session_line(session: Session, library: Library) -> str:
    if session.day is not None:
        day = DAY_WORDS[session.day]
    else:
        days = session.days_before_race or 0
        day = f"{plural(days, 'day')} before the race"
    circuit = library.circuit(session.circuit)
    title = circuit.title if circuit else session.circuit
    changes = change_lines(session, circuit)
    extra = "<br><small>" + "<br>".join(escape(c) for c in changes) + "</small>" if changes else ""
    return f"<li>{escape(day)}: {escape(title)}{extra}</li>"


def plan_html(plan: Plan, library: Library) -> str:
    """The plan week by week, from the furthest week out to race week, in words."""
    out = [f"<h2>{escape(plan.title)}</h2>"]
    if plan.summary:
        out.append(f"<p>{escape(plan.summary)}</p>")
    sessions = sum(len(w.sessions) for w in plan.weeks)
    out.append(f"<p><b>{escape(plan_length(plan))}</b> · {plural(sessions, 'session')}</p>")
    for week in sorted(plan.weeks, key=lambda w: -w.weeks_out):
        out.append(f"<h3>{escape(week_title(week.weeks_out, week.label))}</h3>")
        if not week.sessions:
            out.append("<p>Rest week: no sessions.</p>")
            continue
        out.append("<ul>" + "".join(_session_line(s, library) for s in week.sessions) + "</ul>")
    out.append(
        "<p>Follow it from the Plan page: pick your race date and every session is counted "
        "back from race day.</p>"
    )
    out.append(f"<p><small>{escape(CLINICIAN_NOTE)}</small></p>")
    return "\n".join(out)
