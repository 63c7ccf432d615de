/*
 * Lobby TV: draws the office from the /display feed, shows and speaks every call. A TV
 * bound to a zone (<body data-zone>) gets only its zone's loket, calls and running text.
 *
 * State comes only from the server: the snapshot on connect, then "update" events that
 * replace the pieces an action changed (screen_state.js), and "called" for the announcement.
 * A dropped connection shows a banner; socket.io reconnects by itself and the fresh snapshot
 * rebuilds the screen. Every call still standing that this TV did not announce (it was
 * disconnected, or the server's message queue was down) is announced then, once: calls are
 * known by their id. Tests read window.AntreanTV (announcer.lastSpoken, announced, spoken,
 * connected, snapshot).
 */
(function () {
  "use strict";

  var root = document.getElementById("tv");
  var timezone = root.dataset.timezone;
  var State = window.AntreanScreenState;
  var Common = window.AntreanCommon;
  var snapshot = State.fromSnapshot(JSON.parse(document.getElementById("tv-initial").textContent));
  var announcedIds = {};  // call id -> true, for every call this TV announced
  var since = State.lastCallId(snapshot);  // calls up to here were made before the TV opened
  var clock = Common.serverClock();  // a TV's own clock drifts
  var flashTimer = null;
  var RECENT_SHOWN = 6;
  var FLASH_MS = 8000;
  var flashUntil = {};  // counter number -> time its panel stops blinking

  var announcer = new window.AntreanAnnouncer({ baseUrl: root.dataset.sounds });
  var tv = {
    announcer: announcer,
    announced: [],      // every call received: {number, counter, text, recall}
    spoken: [],         // spoken_text of every call whose voice really played, in order
    connected: false,
    get snapshot() { return snapshot; }
  };
  window.AntreanTV = tv;

  function byId(id) { return document.getElementById(id); }

  var el = window.AntreanCommon.element;  // screen_common.js

  // ---- rendering from the snapshot -------------------------------------------------------

  function onSnapshot(next) {
    if (!next || !next.counters) return;
    render(State.fromSnapshot(next));
    announceMissed();
  }

  function onUpdate(update) {
    var changed = State.applyUpdate(snapshot, update);
    if (changed.services.length || changed.counters.length || changed.calls ||
        changed.running_text) {
      render(snapshot);
    }
    if (update.late) {
      // Resent once the server's message queue came back: the calls in it may be over.
      // Only a call that still stands is announced, and the snapshot says which do.
      requestSnapshot();
    } else if (changed.counters.length) {
      announceMissed();
    }
  }

  function requestSnapshot() {
    if (socket.connected) socket.emit("snapshot", null, onSnapshot);
  }

  function render(next) {
    snapshot = next;
    if (snapshot.server_time) clock.sync(snapshot.server_time);
    renderLatest();
    renderCounters();
    renderRecent();
    renderWaiting();
    renderMarquee(snapshot.running_text || "");
    byId("tv-zone").textContent = snapshot.office.zone_name;
    tick();
  }

  function serviceName(code) {
    var found = snapshot.services.find(function (s) { return s.code === code; });
    return found ? found.name : code;
  }

  /** Shrinks a big number until it fits its box: "AB-1234" must not wrap or spill. */
  function fit(node) {
    node.style.fontSize = "";
    var size = parseFloat(window.getComputedStyle(node).fontSize);
    while (node.scrollWidth > node.clientWidth && size > 16) {
      size *= 0.92;
      node.style.fontSize = size + "px";
    }
  }


  function renderLatest() {
    var latest = snapshot.recent_calls[0];
    byId("latest-number").textContent = latest ? latest.number : "—";
    byId("latest-counter").textContent = latest ? latest.counter_name : "\u00a0";
    byId("latest-service").textContent = latest ? serviceName(latest.service)
      : "Belum ada panggilan hari ini";
    byId("tv-latest").classList.toggle("tv-latest-empty", !latest);
    fit(byId("latest-number"));
    fit(byId("latest-counter"));
  }

  function renderCounters() {
    var box = byId("tv-counters");
    box.innerHTML = "";
    // Up to 4 loket in 2 x 2; more in 3 columns, with numbers scaled to the rows.
    var count = snapshot.counters.length;
    var columns = count > 4 ? 3 : 2;
    var rows = Math.max(1, Math.ceil(count / columns));
    box.style.setProperty("--columns", columns);
    box.style.setProperty("--rows", rows);
    box.style.setProperty("--scale", Math.min(1, 2.4 / rows) * (columns === 3 ? 0.8 : 1));
    snapshot.counters.forEach(function (counter) {
      var card = el("div", "tv-counter tv-counter-" + counter.state);
      card.dataset.counter = counter.number;
      var current = counter.current;
      card.appendChild(el("div", "tv-counter-name", counter.name));
      card.appendChild(el("div", "tv-counter-number", current ? current.number : "—"));
      card.appendChild(el("div", "tv-counter-note", counter.note));
      if (current && current.status === "called") card.classList.add("tv-counter-calling");
      if ((flashUntil[counter.number] || 0) > Date.now()) card.classList.add("tv-flash-counter");
      box.appendChild(card);
      fit(card.querySelector(".tv-counter-number"));
    });
  }

  function renderRecent() {
    var list = byId("tv-recent");
    list.innerHTML = "";
    snapshot.recent_calls.slice(1, RECENT_SHOWN + 1).forEach(function (call) {
      var item = el("li");
      item.appendChild(el("span", "tv-recent-number", call.number));
      item.appendChild(el("span", "tv-recent-counter", call.counter_name));
      list.appendChild(item);
    });
    if (!list.children.length) list.appendChild(el("li", "tv-none", "Belum ada"));
  }

  function renderWaiting() {
    var list = byId("tv-waiting");
    list.innerHTML = "";
    snapshot.services.forEach(function (service) {
      var item = el("li");
      item.dataset.service = service.code;
      item.appendChild(el("span", "tv-waiting-prefix", service.prefix));
      var name = el("span", "tv-waiting-name", service.name);
      if (service.paused_reason) {  // "Tutup layanan sementara": the reason, for everyone
        item.classList.add("tv-paused");
        name.appendChild(el("span", "tv-paused-reason", service.closed_label));
      }
      item.appendChild(name);
      item.appendChild(el("span", "tv-waiting-count", String(service.waiting)));
      list.appendChild(item);
    });
  }

  function renderMarquee(text) {
    var span = byId("tv-marquee");
    if (span.textContent === text && span.dataset.ready) return;  // do not restart the scroll
    span.textContent = text;
    span.dataset.ready = "1";
    byId("tv-marquee-box").hidden = !text;
    // Constant speed whatever the length: about 160 px a second.
    var distance = span.offsetWidth + window.innerWidth;
    var seconds = Math.max(12, distance / 160);
    span.style.animationDuration = seconds + "s";
    // Start with the text already on screen rather than a blank band for several seconds.
    span.style.animationDelay = -(window.innerWidth * 0.6 / 160) + "s";
  }

  // ---- clock in the office's zone --------------------------------------------------------

  var officeClock = Common.officeClock(timezone);

  function tick() {
    var now = clock.now();
    byId("tv-time").textContent = officeClock.timeWithSeconds(now);
    byId("tv-date").textContent = officeClock.date(now);
  }

  // ---- calls and voice -------------------------------------------------------------------

  function called(event) {
    if (event.late) {
      if (event.update) event.update.late = true;
      onUpdate(event.update || { late: true });
      return;
    }
    announce({ call_id: event.call_id, number: event.ticket.number,
               counter: event.counter.number, counter_name: event.counter.name,
               service_name: event.ticket.service_name,
               announcement: event.announcement, recall: !!event.recall });
  }

  /** Calls this TV missed (disconnected, or the server's message queue was down) and that
   *  still stand: announced now, oldest first, each once. */
  function announceMissed() {
    State.unannouncedCalls(snapshot, announcedIds, since).forEach(announce);
  }

  function announce(call) {
    if (call.call_id) {
      if (announcedIds[call.call_id]) return;
      announcedIds[call.call_id] = true;
    }
    // Show at once; the update that follows confirms it.
    byId("latest-number").textContent = call.number;
    byId("latest-counter").textContent = call.counter_name;
    byId("latest-service").textContent = call.service_name;
    byId("tv-latest").classList.remove("tv-latest-empty");
    flashUntil[call.counter] = Date.now() + FLASH_MS;
    fit(byId("latest-number"));
    fit(byId("latest-counter"));
    flash();
    if (call.announcement) {
      tv.announced.push({ number: call.number, counter: call.counter, recall: !!call.recall,
                          call_id: call.call_id, text: call.announcement.spoken_text });
      announcer.enqueue(call.announcement);
    }
  }

  function onCalled(event) {
    called(event);  // the call first: shown and queued to speak at once
    if (event.update && !event.late) onUpdate(event.update);
  }

  function flash() {
    var box = byId("tv-latest");
    box.classList.remove("tv-flash");
    void box.offsetWidth;  // restart the animation
    box.classList.add("tv-flash");
    clearTimeout(flashTimer);
    flashTimer = setTimeout(function () {
      box.classList.remove("tv-flash");
      document.querySelectorAll(".tv-flash-counter").forEach(function (card) {
        card.classList.remove("tv-flash-counter");
      });
    }, FLASH_MS);
  }

  announcer.onspoken = function (call) { tv.spoken.push(call.spoken_text); };

  var soundButton = byId("tv-sound");
  soundButton.addEventListener("click", function () {
    announcer.unlock();
    soundButton.hidden = true;
    document.body.classList.add("tv-sound-on");
  });

  // ---- connection ------------------------------------------------------------------------

  // A paired TV's zone is its device's; staff previewing a zone's TV ask for it.
  var socket = window.AntreanCommon.socket("/display", { reconnectionDelay: 500, reconnectionDelayMax: 2000,
                                       auth: { zone: document.body.dataset.zone || "" } });
  tv.socket = socket;
  Common.watchLink(socket, function (connected) {
    tv.connected = connected;
    Common.showLink(byId("tv-offline"), connected);
  });
  socket.on("snapshot", onSnapshot);
  socket.on("update", onUpdate);
  socket.on("called", onCalled);
  socket.on("resync", requestSnapshot);  // the server's message queue is back
  socket.on("setup", requestSnapshot);  // services or counters changed in /admin
  // An admin moved this TV to another zone: the page loads again, in the new zone's room.
  socket.on("device_changed", function () { window.location.reload(); });

  // The date changes at midnight without any event: ask for a fresh snapshot now and then.
  setInterval(requestSnapshot, 60000);
  setInterval(tick, 1000);
  render(snapshot);
})();
