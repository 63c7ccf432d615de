/*
 * Lobby TV media panel: the images and videos an admin uploaded (/admin/media), played in
 * order beside the calls, muted, looping the playlist; held while a call's chime and voice
 * play, and carried on after.
 *
 * The playlist comes from GET /api/v1/media/playlist for this TV's zone (body data-zone;
 * empty: the whole office) at start, on every (re)connection, and whenever the /display feed
 * says "media" (an admin changed them). With no media the panel stays hidden and the TV looks
 * as it always did. Tests read window.AntreanMedia (items, current, held, shown, holds).
 * Plain script, loaded after tv.js: it uses window.AntreanTV's announcer and socket.
 */
(function () {
  "use strict";

  var panel = document.getElementById("tv-media");
  var screen = document.getElementById("tv");
  var tv = window.AntreanTV;
  if (!panel || !tv) return;
  var zone = document.body.dataset.zone || "";
  var ERROR_SKIP_MS = 2000;  // a file that cannot be shown is skipped after a moment

  var items = [];
  var index = -1;
  var node = null;          // the <img> or <video> on screen
  var timer = null;         // an image's time left, or the skip after an error
  var timerEnds = 0;
  var remaining = 0;        // ms an image still has when the panel was held
  var state = {
    held: false,
    shown: [],              // names, in the order they came on screen
    holds: [],              // {call, video_paused}: what each announcement found and did
    get items() { return items; },
    get current() { return index >= 0 && items[index] ? items[index].name : null; },
    get node() { return node; }
  };
  window.AntreanMedia = state;

  function load() {
    var url = panel.dataset.playlist + "?zone=" + encodeURIComponent(zone);
    return fetch(url, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) { if (body && Array.isArray(body.items)) setItems(body.items); })
      .catch(function () { /* offline: keep playing what is here */ });
  }

  function key(list) {
    return list.map(function (item) {
      return [item.name, item.version, item.seconds].join(":");
    }).join("|");
  }

  function setItems(next) {
    if (key(next) === key(items)) return;  // nothing changed: do not restart the panel
    items = next;
    index = -1;
    screen.classList.toggle("tv-with-media", items.length > 0);
    panel.hidden = items.length === 0;
    showNext();
  }

  function showNext() {
    clearTimeout(timer);
    if (node && node.tagName === "VIDEO") node.pause();
    if (!items.length) {
      panel.replaceChildren();
      node = null;
      return;
    }
    index = (index + 1) % items.length;
    if (items.length === 1 && node && node.getAttribute("src") === items[0].url &&
        node.tagName === "IMG") {
      remaining = (items[0].seconds || 10) * 1000;  // a lone image simply stays
      if (!state.held) run();
      return;
    }
    show(items[index]);
  }

  function show(item) {
    if (item.kind === "video") {
      node = document.createElement("video");
      node.muted = true;  // a lobby hears only the calls
      node.defaultMuted = true;
      node.playsInline = true;
      node.preload = "auto";
      node.loop = items.length === 1;  // a lone video loops without reloading
      node.addEventListener("ended", showNext);
    } else {
      node = document.createElement("img");
      node.alt = "";
      remaining = (item.seconds || 10) * 1000;
    }
    node.className = "tv-media-item";
    node.addEventListener("error", function () { wait(ERROR_SKIP_MS); });
    node.src = item.url;
    panel.replaceChildren(node);
    state.shown.push(item.name);
    if (!state.held) run();
  }

  function wait(ms) {
    clearTimeout(timer);
    timerEnds = Date.now() + ms;
    timer = setTimeout(showNext, ms);
  }

  /** Let the item on screen go on: a video plays, an image counts down what it has left. */
  function run() {
    if (!node) return;
    if (node.tagName === "VIDEO") {
      var playing = node.play();
      if (playing) playing.catch(function () { /* removed meanwhile: "error" moves on */ });
    } else {
      wait(remaining);
    }
  }

  function hold(call) {
    var wasHeld = state.held;
    state.held = true;
    if (!wasHeld && node) {
      if (node.tagName === "VIDEO") {
        node.pause();
      } else if (timer) {
        clearTimeout(timer);
        remaining = Math.max(0, timerEnds - Date.now());
      }
    }
    state.holds.push({ call: call && call.spoken_text,
                       video_paused: node && node.tagName === "VIDEO" ? node.paused : null });
  }

  function release() {
    if (!state.held) return;
    state.held = false;
    run();
  }

  // ---- the announcer: held from a call's chime to the end of its last repeat -------------

  var announcer = tv.announcer;
  var before = { start: announcer.onstart, end: announcer.onend };
  announcer.onstart = function (call) {
    if (before.start) before.start(call);
    hold(call);
  };
  announcer.onend = function (call) {
    if (before.end) before.end(call);
    if (!announcer.pending) release();  // the next call in the queue keeps it held
  };
  // A queued call that never began (its sound failed) must not hold the panel for good.
  setInterval(function () {
    if (state.held && !announcer.busy && !announcer.pending) release();
  }, 2000);

  // ---- when to fetch the playlist ----------------------------------------------------------

  if (tv.socket) {
    tv.socket.on("connect", load);  // after an outage an admin may have changed them
    tv.socket.on("media", load);
    tv.socket.on("resync", load);
  }
  load();
})();
