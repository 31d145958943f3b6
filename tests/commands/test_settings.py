"""`circuit-timer settings`: every setting with its help, one read, one changed and kept,
and unknown names refused with a suggestion."""

from __future__ import annotations

from tests.commandline import Cli


def test_a_change_is_kept_for_the_next_command(cli: Cli) -> None:
    assert cli.ok("settings", "weekly_target", "4") == "weekly_target = 4\n"
    assert cli.ok("settings", "weekly_target") == "4\n"
    shown = cli.ok("settings").splitlines()
    [line] = [x for x in shown if x.startswith("weekly_target = ")]
    # Each setting says what it is for.
    assert line.startswith("weekly_target = 4  (") and line.endswith(")")


def test_an_unknown_setting_suggests_the_nearest_and_lists_them_all(cli: Cli) -> None:
    status, out, err = cli.run("settings", "volum", "50")
    assert status == 1 and out == ""
    assert "no setting 'volum' (did you mean 'volume'?)" in err
    assert "weekly_target" in err and len(err.splitlines()) == 1
    # Nothing was written under the misspelt name, and the real one is untouched.
    assert cli.ok("settings", "volume") == "80\n"


def test_a_refused_value_changes_nothing(cli: Cli) -> None:
    status, _, err = cli.run("settings", "volume", "loud")
    assert status == 1 and err.startswith("circuit-timer: volume ")
    assert cli.ok("settings", "volume") == "80\n"
