"""Plan commands: start a plan toward a race date, today's session, the whole status."""

from __future__ import annotations

import argparse
from typing import Any

from circuit_timer.commands.common import (
    EXIT_OK,
    CommandError,
    open_store,
    print_json,
    say,
    user_library,
)
from circuit_timer.commands.dates import parse_race_date, today
from circuit_timer.core.adjust import apply_session
from circuit_timer.core.dates import day_text
from circuit_timer.core.describe import (
    describe_circuit,
    minutes,
    plural,
    week_heading,
    week_name,
)
from circuit_timer.core.library import Library
from circuit_timer.core.model import Circuit
from circuit_timer.core.schedule import plan_schedule
from circuit_timer.core.suggest import closest
from circuit_timer.core.timeline import compile_timeline
from circuit_timer.core.today import AdaptedSession, adapted_session, ladder_doses
from circuit_timer.store import insights


def cmd_start(args: argparse.Namespace) -> int:
    """Enrol in a plan; the plan followed until now ends today and keeps its history."""
    now = today(args)
    race = parse_race_date(args.race_date, now)
    library = user_library()
    plan = library.plan(args.plan)
    if plan is None:
        plans = [e.id for e in library.entries.values() if e.kind == "plan"]
        near = closest(args.plan, plans)
        hint = f" (did you mean '{near}'?)" if near else f"; plans: {', '.join(sorted(plans))}"
        raise CommandError(f"no plan '{args.plan}'{hint}")
    schedule = plan_schedule(plan, race, now)
    with open_store() as store:
        previous = store.active_enrolment(as_of=now)
        store.enrol(plan.id, race, now)
    if previous is not None:
        print(f"Stopped following {previous.plan_id} (its history is kept).")
    days = (race - now).days
    on = day_text(race, year=True, padded=True)
    say(f"Following {plan.title} toward your race on {on} ({plural(days, 'day')}).")
    if not schedule:
        print("No sessions of this plan are left before the race.")
    else:
        first = schedule[0]
        print(
            f"{plural(len(schedule), 'session')} scheduled; the first is {first.circuit_id} on "
            f"{day_text(first.date, padded=True)} ({week_name(first.weeks_out)})."
        )
    return EXIT_OK


def _today_json(overview: insights.PlanOverview) -> dict[str, Any]:
    sessions = []
    for planned, circuit, status in overview.today_sessions:
        sessions.append(
            {
                "date": planned.date.isoformat(),
                "circuit_id": planned.circuit_id,
                "weeks_out": planned.weeks_out,
                "week_label": planned.week_label,
                "status": status.status if status else "upcoming",
                "estimated_seconds": compile_timeline(circuit).estimated_seconds
                if circuit
                else None,
                "adjust": {
                    k: v.model_dump(exclude_none=True) for k, v in planned.session.adjust.items()
                },
                "scale": planned.session.scale,
            }
        )
    nxt = overview.next_session
    return {
        "plan_id": overview.followed.enrolment.plan_id,
        "race_date": overview.followed.enrolment.race_date.isoformat(),
        "today": overview.today.isoformat(),
        "days_to_race": overview.days_to_race,
        "sessions": sessions,
        "next": {"date": nxt.date.isoformat(), "circuit_id": nxt.circuit_id} if nxt else None,
    }


def active_overview(args: argparse.Namespace) -> tuple[insights.PlanOverview, Library]:
    """The followed plan's overview on the as-of day; a CommandError when there is none
    or its plan file is gone from the library."""
    now = today(args)
    library = user_library()
    with open_store() as store:
        overview = insights.plan_overview(store, library, now)
    if overview is None:
        raise CommandError(
            "no active plan; start one with: circuit-timer plan start PLAN --race-date D"
        )
    if overview.followed.plan is None:
        raise CommandError(
            f"the plan '{overview.followed.enrolment.plan_id}' is no longer in your library"
        )
    return overview, library


def _ladder_lines(adapted: AdaptedSession, plan_circuit: Circuit) -> list[str]:
    """Per governed exercise: the adapted dose beside the plan's, then the reason."""
    lines = []
    for one in ladder_doses(adapted, plan_circuit):
        result = one.result
        if result.change is None:
            lines.append(f"  {one.name}: {one.written}, the plan as written.")
        elif one.dose == one.written:
            lines.append(f"  {one.name}: {one.dose}, as the plan has it ({result.decision}).")
        else:
            lines.append(
                f"  {one.name}: {one.dose} in place of the plan's {one.written} "
                f"({result.decision})."
            )
        lines.append(f"    {result.reason}")
        if result.notice:
            lines.append(f"    {result.notice}")
    return lines


def cmd_today(args: argparse.Namespace) -> int:
    """Today's plan sessions, with the plan's changes and the progression rule applied."""
    overview, library = active_overview(args)
    with open_store() as store:
        results = insights.progression(store, library, overview.followed, overview.today)
    if args.json:
        data = _today_json(overview)
        data["progression"] = [r.to_json() for r in results]
        print_json(data)
        return EXIT_OK
    plan = overview.followed.plan
    assert plan is not None
    race_date = overview.followed.enrolment.race_date
    print(f"{plural(overview.days_to_race, 'day')} to your race ({race_date}).")
    if not overview.today_sessions:
        nxt = overview.next_session
        when = f" Next: {nxt.circuit_id} on {day_text(nxt.date, padded=True)}." if nxt else ""
        print(f"No session today: rest.{when}")
    for planned, circuit, status in overview.today_sessions:
        week = week_heading(planned.weeks_out, planned.week_label)
        state = status.status if status else "upcoming"
        print(f"\nToday ({week}): {planned.circuit_id} [{state}]")
        original = library.circuit(planned.circuit_id)
        if circuit is None or original is None:
            print(f"  the circuit '{planned.circuit_id}' is no longer in your library")
            continue
        adapted = adapted_session(plan, planned, original, results, library.circuit)
        if adapted.results:
            print("Adapted to how your last sessions went:")
            for line in _ladder_lines(adapted, circuit):
                say(line)
            print()
        say(describe_circuit(adapted.circuit))
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    """The whole schedule with each session done, missed or upcoming."""
    overview, library = active_overview(args)
    enrolment = overview.followed.enrolment
    if args.json:
        print_json(
            {
                "plan_id": enrolment.plan_id,
                "race_date": enrolment.race_date.isoformat(),
                "started_on": enrolment.started_on.isoformat(),
                "today": overview.today.isoformat(),
                "days_to_race": overview.days_to_race,
                "adherence": overview.adherence,
                "done": sum(p.status == "done" for p in overview.progress),
                "missed": sum(p.status == "missed" for p in overview.progress),
                "upcoming": sum(p.status == "upcoming" for p in overview.progress),
                "sessions": [
                    {
                        "date": p.planned.date.isoformat(),
                        "weeks_out": p.planned.weeks_out,
                        "week_label": p.planned.week_label,
                        "circuit_id": p.planned.circuit_id,
                        "status": p.status,
                        "done_by": p.done_by,
                    }
                    for p in overview.progress
                ],
            }
        )
        return EXIT_OK
    plan = overview.followed.plan
    assert plan is not None
    say(f"{plan.title}: race on {day_text(enrolment.race_date, year=True, padded=True)}, "
          f"{plural(overview.days_to_race, 'day')} to go.")  # fmt: skip
    if overview.adherence is not None:
        print(f"Adherence so far: {overview.adherence:.0%} of the sessions due.")
    week = None
    for p in overview.progress:
        if p.planned.weeks_out != week:
            week = p.planned.weeks_out
            heading = week_heading(week, p.planned.week_label)
            print(f"\n{heading[0].upper()}{heading[1:]}")
        marker = {"done": "[x]", "missed": "[ ]", "upcoming": "   "}[p.status]
        today_mark = "  <- today" if p.planned.date == overview.today else ""
        circuit = library.circuit(p.planned.circuit_id)
        length = ""
        if circuit is not None:
            secs = compile_timeline(apply_session(circuit, p.planned.session)).estimated_seconds
            length = f", about {minutes(secs)} min"
        day = day_text(p.planned.date, padded=True)
        print(f"  {marker} {day}  {p.planned.circuit_id}{length}  {p.status}{today_mark}")
    return EXIT_OK


def cmd_stop(args: argparse.Namespace) -> int:
    """Stop the active plan."""
    with open_store() as store:
        stopped = store.stop_plan(today(args))
    if stopped is None:
        raise CommandError("no active plan to stop")
    print(f"Stopped following {stopped.plan_id}; its history is kept.")
    return EXIT_OK
