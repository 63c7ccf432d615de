"""What `make run` prints: the set-up code while no admin exists, and no deprecation noise."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.support.first_run import CODE_LINE, setup_code_from_console
from tests.support.live_server import PASSWORD, REPO_ROOT, LiveServer


def test_the_console_shows_the_set_up_code_only_while_no_admin_exists(
        start_server: Callable[..., LiveServer], tmp_path: Path) -> None:
    office_dir = tmp_path / "kantor"
    office_dir.mkdir()
    shutil.copy(REPO_ROOT / "config.toml", office_dir)  # the demo office, under eventlet
    first = start_server(config_dir=office_dir, forked=False)  # all a start prints
    setup_code_from_console(first)
    assert "Deprecat" not in first.read_log()
    first.create_user("kepala", PASSWORD, "admin")
    first.stop()
    again = start_server(config_dir=office_dir, forked=False)
    log = again.read_log()
    assert log.count("Antrean: Kecamatan Martapura on") == 1 and "(eventlet)" in log
    assert CODE_LINE.search(log) is None and "Deprecat" not in log
