"""The lobby TV's media panel in Chromium: media uploaded at /admin/media play beside the
calls, and a video holds still while a call is announced, then plays on."""

from __future__ import annotations

import base64
from collections.abc import Callable

import requests
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import PASSWORD, issue, sign_in
from tests.browser.test_display import with_short_clips
from tests.support.browser import screenshot, wait_for
from tests.support.live_server import LiveServer
from tests.support.media_samples import image_bytes
from tests.support.pairing import pair_browser

# A real WebM, made by the browser itself: two seconds of a moving square on a canvas, through
# MediaRecorder (VP8), handed back as base64. No binary file is kept in the repository.
RECORD_WEBM = """async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 320; canvas.height = 180;
  const context = canvas.getContext("2d");
  let frame = 0;
  const draw = () => {
    context.fillStyle = "#0b4f8a"; context.fillRect(0, 0, 320, 180);
    context.fillStyle = "#ffd54a"; context.fillRect((frame * 8) % 320, 60, 60, 60);
    context.fillStyle = "#ffffff"; context.font = "bold 28px sans-serif";
    context.fillText("Video Layanan", 60, 40); frame += 1;
  };
  draw();
  const recorder = new MediaRecorder(canvas.captureStream(25), {mimeType: "video/webm;codecs=vp8"});
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
  const ticker = setInterval(draw, 40);
  recorder.start();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  recorder.stop();
  await stopped;
  clearInterval(ticker);
  const bytes = new Uint8Array(await new Blob(chunks, {type: "video/webm"}).arrayBuffer());
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
  }
  return btoa(text);
}"""
VIDEO_PLAYING = """(() => { const video = window.AntreanMedia.node;
  return video && video.tagName === "VIDEO" && !video.paused && video.currentTime > 0.2; })()"""


def upload(page: Page, name: str, mime: str, data: bytes, seconds: str = "") -> None:
    page.set_input_files("#file", files=[{"name": name, "mimeType": mime, "buffer": data}])
    page.fill("#seconds", seconds)
    page.get_by_role("button", name="Unggah").click()
    expect(page.locator("p.success")).to_contain_text("diunggah")


def test_the_tv_plays_media_beside_the_calls_and_holds_the_video_while_a_call_is_spoken(
        start_server: Callable[..., LiveServer], browser: Browser, page: Page) -> None:
    server = start_server()
    server.create_user("kepala", PASSWORD, "admin")
    sign_in(page, server, "kepala", path="/admin/media")
    webm = base64.b64decode(page.evaluate(RECORD_WEBM))
    assert webm.startswith(b"\x1a\x45\xdf\xa3") and len(webm) > 1000
    upload(page, "Jadwal Pelayanan.png", "image/png",
           image_bytes("PNG", size=(1280, 720), colour=(255, 213, 74)), seconds="3")
    upload(page, "Video Layanan.webm", "video/webm", webm)
    expect(page.locator("#media-table tbody tr")).to_have_count(2)
    screenshot(page, "admin-media")

    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID",
                                  timezone_id="Asia/Makassar")
    tv = context.new_page()
    with_short_clips(tv)
    issue(server)
    pair_browser(tv, server, "display")
    tv.get_by_role("button", name="Aktifkan Suara").click()
    wait_for(tv, "window.AntreanTV.connected")
    expect(tv.locator("#tv-media")).to_be_visible()
    expect(tv.locator("#tv-media img")).to_have_attribute("src", "/media/jadwal-pelayanan.png")
    # After its 3 seconds the image gives way to the video, which plays muted. Seen in one look:
    # the video lasts 2 s, and on a loaded machine the rotation may be back at the image by
    # the next call into the page.
    wait_for(tv, f"{VIDEO_PLAYING} && window.AntreanMedia.node.muted")
    assert tv.evaluate("window.AntreanMedia.shown")[:2] == ["jadwal-pelayanan.png",
                                                           "video-layanan.webm"]
    screenshot(tv, "tv-media")

    # The admin stops the image: the TV hears of it and plays the video alone, looping.
    page.locator("tr[data-media='jadwal-pelayanan.png']").get_by_role(
        "button", name="Hentikan").click()
    wait_for(tv, "window.AntreanMedia.items.length === 1")
    wait_for(tv, VIDEO_PLAYING)

    requests.post(f"{server.url}/api/v1/counters/1/call-next", headers=server.login(
        "kepala", PASSWORD), timeout=10).raise_for_status()
    wait_for(tv, "window.AntreanTV.announcer.played.length > 0")  # the chime has begun
    assert tv.evaluate("window.AntreanMedia.node.paused") is True
    paused_at = tv.evaluate("window.AntreanMedia.node.currentTime")
    wait_for(tv, "window.AntreanTV.spoken.length === 1", timeout=20000)
    wait_for(tv, VIDEO_PLAYING)
    wait_for(tv, "at => window.AntreanMedia.node.currentTime !== at", arg=paused_at)
    screenshot(tv, "tv-media-after-call")
    assert tv.evaluate("window.AntreanMedia.holds") == [
        {"call": "Nomor antrean, A, satu, silakan menuju loket satu", "video_paused": True}]
    context.close()


def test_without_media_the_tv_shows_no_panel(start_server: Callable[..., LiveServer],
                                             page: Page) -> None:
    server = start_server()
    pair_browser(page, server, "display")
    wait_for(page, "window.AntreanTV.connected && window.AntreanMedia !== undefined")
    expect(page.locator("#tv-media")).to_be_hidden()
    assert page.evaluate("document.getElementById('tv').classList.contains('tv-with-media')") \
        is False
