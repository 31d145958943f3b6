"""`circuit-timer install-desktop`: the desktop entry, icon and AppStream metainfo for this
user, from the files the package ships, starting the circuit-timer that runs the command.

Installed with pipx (or pip), the entry then points at that installed command and keeps
working when the checkout it came from is deleted.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from circuit_timer.commands.common import EXIT_OK, CommandError
from circuit_timer.files import paths

NAME = "circuit-timer"
DESKTOP_ID = f"{NAME}.desktop"
# AppStream's component id (reverse DNS); its <launchable> names DESKTOP_ID.
COMPONENT_ID = "io.github.circuit_timer.circuit_timer"
METAINFO = f"{COMPONENT_ID}.metainfo.xml"

# A path made only of these needs no quotes in Exec; any other character the spec reserves
# (a space, quotes, $ ...) does.
_PLAIN = re.compile(r"[A-Za-z0-9/._+,:@=-]+")
_QUOTED_ESCAPES = re.compile(r'(["`$\\])')
_TOOL_TIMEOUT = 60


def cmd_install_desktop(args: argparse.Namespace) -> int:
    """Install the entry, the icon and the metainfo under the user's data folder."""
    if sys.platform in ("win32", "darwin"):
        raise CommandError("install-desktop writes a freedesktop menu entry: Linux and BSD only")
    program = program_path(args.program)
    data = data_home()
    apps = data / "applications"
    icons = data / "icons" / "hicolor"
    entry = apps / DESKTOP_ID
    icon = icons / "scalable" / "apps" / f"{NAME}.svg"
    metainfo = data / "metainfo" / METAINFO
    assets = paths.assets_dir()

    try:
        template = (assets / DESKTOP_ID).read_text(encoding="utf-8")
        _write(entry, desktop_entry(program, template).encode("utf-8"))
        _write(icon, (assets / f"{NAME}.svg").read_bytes())
        _write(metainfo, (assets / METAINFO).read_bytes())
    except OSError as exc:
        raise CommandError(f"cannot install the desktop entry: {exc}") from None

    _validate(entry)
    _refresh_caches(apps, icons)
    print(f"Installed {entry}")
    print(f"  (starts {program})")
    print(f"Installed {icon}")
    print(f"Installed {metainfo}")
    print("To remove them: rm " + " ".join(shlex.quote(str(p)) for p in (entry, icon, metainfo)))
    return EXIT_OK


def program_path(given: str | None) -> str:
    """The absolute path of the circuit-timer the entry starts: ``given``, else the one
    running now (its script, or the one beside this Python), else the one on PATH."""
    if given is not None:
        candidates = [given if os.sep in given else (shutil.which(given) or given)]
    else:
        candidates = []
        if Path(sys.argv[0]).name == NAME:
            candidates.append(sys.argv[0])
        candidates.append(str(Path(sys.executable).parent / NAME))
        on_path = shutil.which(NAME)
        if on_path is not None:
            candidates.append(on_path)
    for candidate in candidates:
        # Absolute, because the menu does not start it from here (and may not have this
        # PATH); symlinks kept, so a pipx link still follows pipx's upgrades.
        program = os.path.abspath(candidate)
        if os.path.isfile(program) and os.access(program, os.X_OK):
            return program
    if given is not None:
        raise CommandError(f"{given} is not an executable file")
    raise CommandError("cannot find the circuit-timer command: run it as `circuit-timer`")


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or relative (the spec
    says to ignore a relative one)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def exec_value(program: str) -> str:
    """``program`` as an Exec value: quoted the spec's way when it has any character the
    spec reserves, ``%`` doubled (it starts field codes), then the string escape of ``\\``."""
    if "\n" in program or "\r" in program:
        raise CommandError("cannot write a path with a line break into a desktop entry")
    value = program
    if not _PLAIN.fullmatch(value):
        value = '"' + _QUOTED_ESCAPES.sub(r"\\\1", value) + '"'
    return value.replace("%", "%%").replace("\\", "\\\\")


def desktop_entry(program: str, template: str) -> str:
    """The installed entry: the template from its group header on, with Exec and TryExec
    filled in (TryExec is a plain path: only the string escape applies)."""
    try:
        program.encode("utf-8")
    except UnicodeEncodeError:
        raise CommandError("cannot write a path that is not UTF-8 into a desktop entry") from None
    # The template's comments are about the template; the entry gets a line of its own.
    body = template[template.index("[Desktop Entry]") :]
    # One pass, so a path that itself holds "@TRYEXEC@" is not filled in twice.
    values = {"EXEC": exec_value(program), "TRYEXEC": program.replace("\\", "\\\\")}
    body = re.sub(r"@(EXEC|TRYEXEC)@", lambda m: values[m.group(1)], body)
    return f"# Installed by `circuit-timer install-desktop`\n{body.rstrip()}\n"


def _write(target: Path, data: bytes) -> None:
    """Write beside the target and move into place, so a menu never reads half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str] | None:
    """Run an optional tool; None when it is not installed or could not run."""
    found = shutil.which(tool)
    if found is None:
        return None
    try:
        return subprocess.run(
            [found, *args], capture_output=True, text=True, timeout=_TOOL_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None


def _validate(entry: Path) -> None:
    checked = _run("desktop-file-validate", str(entry))
    if checked is not None and checked.returncode != 0:
        sys.stderr.write(checked.stdout + checked.stderr)
        raise CommandError(f"{entry} is not a valid desktop entry (see above)")


def _refresh_caches(apps: Path, icons: Path) -> None:
    """The caches are optional: menus and icon themes work without them, only slower."""
    done = _run("update-desktop-database", "-q", str(apps))
    if done is not None and done.returncode != 0:
        print(
            "circuit-timer: update-desktop-database failed; the entry still works", file=sys.stderr
        )
    # A changed folder date tells icon themes to look again.
    os.utime(icons)
    # Only an existing cache is refreshed: GTK trusts a cache newer than the theme folder,
    # and icons other programs add later to a subfolder do not change that folder's date,
    # so creating one here could hide their icons.
    if (icons / "icon-theme.cache").is_file():
        done = _run("gtk-update-icon-cache", "-q", "-f", "-t", str(icons))
        if done is not None and done.returncode != 0:
            print(
                "circuit-timer: gtk-update-icon-cache failed; the icon still works", file=sys.stderr
            )
