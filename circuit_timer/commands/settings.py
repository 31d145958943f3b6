"""`circuit-timer settings`: show or change a preference."""

from __future__ import annotations

import argparse

from circuit_timer.commands.common import EXIT_OK, CommandError, open_store
from circuit_timer.core.suggest import closest
from circuit_timer.store import settings


def cmd_settings(args: argparse.Namespace) -> int:
    """Show settings, or set one."""
    with open_store() as store:
        if args.key is None:
            for key, setting in settings.SETTINGS.items():
                print(f"{key} = {settings.get(store, key)}  ({setting.help})")
            return EXIT_OK
        if args.key not in settings.SETTINGS:
            near = closest(args.key, settings.SETTINGS)
            hint = f" (did you mean '{near}'?)" if near else ""
            raise CommandError(
                f"no setting '{args.key}'{hint}; settings: {', '.join(settings.SETTINGS)}"
            )
        if args.value is None:
            print(settings.get(store, args.key))
            return EXIT_OK
        try:
            value = settings.put(store, args.key, args.value)
        except ValueError as exc:
            raise CommandError(f"{args.key} {exc}") from None
    print(f"{args.key} = {value}")
    return EXIT_OK
