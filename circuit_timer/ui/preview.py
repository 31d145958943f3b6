"""HTML previews of circuits and plans for the library page."""

from __future__ import annotations

from html import escape

from circuit_timer.core.describe import (
    CLINICIAN_NOTE,
    describe_plan,
    exercise_line,
    minutes,
    plural,
)
from circuit_timer.core.model import Circuit, Plan
from circuit_timer.core.timeline import compile_timeline


def circuit_html(circuit: Circuit) -> str:
    """Blocks, exercises with doses and sides, rests, equipment, cues and the time."""
    seconds = compile_timeline(circuit).estimated_seconds
    d = circuit.defaults
    out = [f"<h2>{escape(circuit.title)}</h2>"]
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
            out.append(f"<li>{item}</li>")
        out.append("</ul>")
    out.append(f"<p><small>{escape(CLINICIAN_NOTE)}</small></p>")
    return "\n".join(out)


def plan_html(plan: Plan) -> str:
    """The plan week by week."""
    return f"<h2>{escape(plan.title)}</h2><pre>{escape(describe_plan(plan))}</pre>"
