"""The helpers every page script shares (screen_common.js), run under node as the browser
loads them: escaping, the server's clock, the office's clock, the "terputus" banner."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.node import STATIC_JS, run_node

pytestmark = pytest.mark.usefixtures("node")

MODULE = STATIC_JS / "screen_common.js"


def run(body: str, payload: Any = None, timezone: str = "UTC") -> Any:
    """`body` sees `Common` (the module) and `input` (the payload) and sets `answer`."""
    runner = f"""
const Common = require(process.argv[1]);
let raw = "";
process.stdin.on("data", chunk => {{ raw += chunk; }});
process.stdin.on("end", () => {{
  const input = JSON.parse(raw);
  let answer = null;
  {body}
  process.stdout.write(JSON.stringify(answer));
}});
"""
    return run_node(MODULE, runner, payload, timezone)


def test_escape_makes_every_markup_character_text_including_the_single_quote() -> None:
    typed = """<img src=x onerror='alert(1)'>&"A-001" """
    escaped = run("answer = [Common.escapeHtml(input), Common.escapeHtml(null),"
                  " Common.escapeHtml(undefined), Common.escapeHtml(42)];", typed)
    assert escaped == [
        "&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;&quot;A-001&quot; ", "", "", "42"]


def test_office_clock_reads_the_offices_zone_whatever_the_machines() -> None:
    """A machine set to Los Angeles still shows Jayapura's time (WIT, UTC+9), in the
    Indonesian way: "15.30", a weekday and month in Indonesian, midnight as 00, not 24."""
    moments = ["2026-08-17T06:30:05Z", "2026-08-16T15:00:00Z", "2026-12-31T14:59:59Z"]
    shown = run("""
const clock = Common.officeClock("Asia/Jayapura");
answer = input.map(iso => {
  const at = new Date(iso);
  return [clock.time(at), clock.timeWithSeconds(at), clock.date(at)];
});""", moments, timezone="America/Los_Angeles")
    assert shown == [["15.30", "15.30.05", "Senin, 17 Agustus 2026"],
                     ["00.00", "00.00.00", "Senin, 17 Agustus 2026"],
                     ["23.59", "23.59.59", "Kamis, 31 Desember 2026"]]


def test_server_clock_runs_on_the_servers_time_and_ignores_an_unreadable_one() -> None:
    """A TV whose own clock is 2 h 17 min slow shows the server's time; a garbled
    server_time leaves the last good offset alone."""
    offsets = run("""
const clock = Common.serverClock();
const fresh = clock.nowMs() - Date.now();
clock.sync(new Date(Date.now() + input).toISOString());
const synced = clock.nowMs() - Date.now();
clock.sync("not a time");
answer = [fresh, synced, clock.now().getTime() - Date.now()];""", (2 * 60 + 17) * 60_000)
    fresh, synced, after_garbage = offsets
    # Two readings of the clock, a millisecond or more apart on a loaded machine.
    assert abs(fresh) < 1_000
    assert abs(synced - 8_220_000) < 1_000
    assert abs(after_garbage - 8_220_000) < 1_000


def test_link_banner_says_terputus_while_offline_and_what_the_page_says_online() -> None:
    states = run("""
const banner = {dataset: {}, hidden: true, textContent: "Menghubungkan…"};
const seen = () => ({state: banner.dataset.state, hidden: banner.hidden, text: banner.textContent});
Common.showLink(banner, false);
const offline = seen();
Common.showLink(banner, true);
const quiet = seen();
Common.showLink(banner, true, "Terhubung");
answer = [offline, quiet, seen(), Common.OFFLINE_TEXT];""")
    offline, quiet, online, offline_text = states
    assert offline == {"state": "offline", "hidden": False, "text": offline_text}
    assert "terputus" in offline_text
    assert quiet["state"] == "online" and quiet["hidden"] is True
    assert online == {"state": "online", "hidden": False, "text": "Terhubung"}


def test_link_watch_reports_every_connect_drop_and_failed_attempt() -> None:
    seen = run("""
const handlers = {};
const socket = {on: (name, handler) => { handlers[name] = handler; }};
const changes = [];
Common.watchLink(socket, online => changes.push(online));
input.forEach(name => handlers[name]());
answer = changes;""", ["connect", "disconnect", "connect_error", "connect_error", "connect"])
    assert seen == [True, False, False, False, True]


def test_app_addresses_carry_the_mount_prefix_of_the_page_and_none_at_the_root() -> None:
    """url() reads base.html's <html data-root>: "/kantor/uji" under a prefix, "" at the
    root (and with no document at all)."""
    addresses = run("""
const bare = Common.url("/api/v1/services");
global.document = { documentElement: { dataset: { root: "" } } };
const atRoot = Common.url("/api/v1/services");
document.documentElement.dataset.root = input;
answer = [bare, atRoot, Common.url("/api/v1/services")];""", "/kantor/uji")
    assert addresses == ["/api/v1/services", "/api/v1/services", "/kantor/uji/api/v1/services"]
