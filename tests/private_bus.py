"""A private D-Bus session bus for tests (a helper, not a test module): a dbus-daemon of
the test's own, so nothing on the machine's bus sees or answers the calls."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.paths import linux_tool

# A bus that starts no services: nothing installed on this machine joins it.
BUS_CONFIG = """\
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@contextmanager
def private_bus(folder: Path) -> Iterator[str]:
    """Run a dbus-daemon configured in ``folder``; yield its address, stop it after."""
    daemon = linux_tool("dbus-daemon", "dbus")
    config = folder / "bus.conf"
    config.write_text(BUS_CONFIG)
    process = subprocess.Popen(
        [daemon, f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # it complains it cannot raise its fd limit
        text=True,
    )
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    try:
        assert address.startswith("unix:"), "dbus-daemon did not start"
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
