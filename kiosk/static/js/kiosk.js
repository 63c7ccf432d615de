/* Ticket kiosk: draws the services the server reports, issues one ticket per tap.
 * No queue rules live here: open/closed and the reasons come from the server. */
(function () {
  "use strict";

  var menu = JSON.parse(document.getElementById("kiosk-data").textContent);
  var Common = window.AntreanCommon;
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var NETWORK_ERROR = "Tidak dapat terhubung ke server, coba lagi.";
  var REQUEST_TIMEOUT_MS = 10000;
  var IDLE_RESET_MS = 60000;
  var PRINT_SLOW_MS = 8000;
  var PRINT_POLL_MS = 1000;
  var POLL_MS = 4000;          // service states, while there is no live feed
  // An MPP's kiosk (kiosk_agencies.js): agencies first, then their services; else none.
  var agencySteps = window.AntreanKioskAgencies || null;

  var state = {
    services: menu.services,
    priority: null,        // {code, label} while the priority path is chosen
    busy: false,           // a request is on its way: every take button is dead
    pending: null,         // {service, priority, request_key} of the request being made
    ticket: null,          // the ticket on screen
    printStatus: {},       // print job -> print_status, even if it came before the answer
    clock: Common.serverClock(),  // a wrong kiosk clock still shows the office's time
    countdown: null,
    live: false,           // the /display feed is connected (a paired kiosk)
    feed: null,            // the feed's state (screen_state.js): snapshot, then updates
    socket: null,
    printPoll: null,
    idleTimer: null,
    printTimer: null
  };

  function $(id) { return document.getElementById(id); }

  var el = window.AntreanCommon.element;  // screen_common.js
  var appUrl = window.AntreanCommon.url;

  function show(id) { $(id).hidden = false; }
  function hide(id) { $(id).hidden = true; }

  // A UUID v4 without crypto.randomUUID, which browsers only offer on https or localhost.
  function newRequestKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" +
      hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function serviceByCode(code) {
    return state.services.find(function (s) { return s.code === code; }) || null;
  }

  // ---- the service buttons ------------------------------------------------------------

  function visibleServices() {
    return agencySteps ? agencySteps.shown(state.services) : state.services;
  }

  // Cards are rebuilt only when a service opens or closes; otherwise the counts change in
  // place, so a finger already on a button never loses it to a live update.
  function renderServices() {
    var grid = $("services");
    var services = visibleServices();
    var shape = (agencySteps ? agencySteps.key() + "#" : "") + services.map(function (s) {
      return [s.code, s.open, s.closed_label, s.closed_reason].join("|");
    }).join(";");
    if (grid.dataset.shape === shape) {
      services.forEach(function (service) {
        var meta = grid.querySelector('.k-service[data-code="' + service.code + '"] .k-meta');
        if (meta) meta.textContent = service.waiting_label;
      });
    } else {
      grid.dataset.shape = shape;
      grid.textContent = "";
      services.forEach(function (service) {
        grid.appendChild(serviceCard(service));
      });
    }
    grid.querySelectorAll("button.k-take").forEach(function (button) {
      button.disabled = state.busy;
    });
    grid.classList.toggle("k-priority-mode", state.priority !== null);
    grid.dataset.count = services.length > 6 ? "many" : "few";
    grid.hidden = services.length === 0;
    var anyOpen = services.some(function (service) { return service.open; });
    $("lead").textContent = agencySteps ? agencySteps.lead(anyOpen)
      : anyOpen ? "Sentuh layanan yang Anda perlukan"
        : "Saat ini nomor antrean belum dapat diambil. Lihat keterangan pada tiap layanan.";
    if (agencySteps) agencySteps.render();
  }

  function serviceCard(service) {
    var card = el("article", "k-service" + (service.open ? "" : " k-closed"));
    card.dataset.code = service.code;
    var main = el(service.open ? "button" : "div", "k-take");
    if (service.open) {
      main.type = "button";
      main.disabled = state.busy;
      main.addEventListener("click", function () { take(service.code); });
    }
    main.appendChild(el("span", "k-prefix", service.prefix));
    var text = el("span", "k-take-text");
    var owner = agencySteps ? agencySteps.tag(service) : null;
    if (owner) text.appendChild(el("span", "k-agency-tag", owner));
    text.appendChild(el("span", "k-name", service.name));
    if (service.open) {
      text.appendChild(el("span", "k-meta", service.waiting_label));
    } else {
      text.appendChild(el("span", "k-reason", service.closed_label || service.closed_reason));
    }
    main.appendChild(text);
    card.appendChild(main);
    var info = el("button", "k-info", "Info");
    info.type = "button";
    info.setAttribute("aria-label", "Info persyaratan " + service.name);
    info.addEventListener("click", function () { openInfo(service.code); });
    card.appendChild(info);
    return card;
  }

  function updateServices(services) {
    if (!Array.isArray(services)) return;
    state.services = services;
    renderServices();
    if (!$("info-panel").hidden) fillInfoState(serviceByCode($("info-panel").dataset.code));
  }

  function refreshServices() {
    if (state.live && state.socket) {
      // Live: a snapshot over the feed carries the versions the updates are checked against.
      state.socket.emit("snapshot", null, onSnapshot);
      return;
    }
    fetchJson(appUrl("/api/v1/services"), {}).then(function (answer) {
      if (answer.ok) updateServices(answer.body);
      if (!state.live) setLink(answer.ok ? "polling" : "offline");
    }, function () {
      if (!state.live) setLink("offline");
    });
  }

  // ---- the service standard ("Info") ----------------------------------------------------

  // Blocks the office left empty in config.toml are not shown at all.
  function fillList(id, items) {
    var list = $(id);
    list.textContent = "";
    items.forEach(function (item) { list.appendChild(el("li", "", item)); });
    list.parentNode.hidden = items.length === 0;
    return items.length > 0;
  }

  function fillText(id, text) {
    var given = Boolean(text) && text !== "-";
    $(id).textContent = given ? text : "";
    $(id).parentNode.hidden = !given;
    return given;
  }

  function openInfo(code) {
    var service = serviceByCode(code);
    var standard = menu.standards[code] || {};
    if (!service) return;
    $("info-panel").dataset.code = code;
    $("info-title").textContent = service.name;
    $("info-description").textContent = standard.description || "";
    $("info-description").hidden = !standard.description;
    var filled = [
      fillList("info-requirements", standard.requirements || []),
      fillList("info-procedure", standard.procedure || []),
      fillText("info-time", standard.time_to_complete),
      fillText("info-product", standard.product),
      fillText("info-complaints", standard.complaints)
    ].some(Boolean);
    fillText("info-cost", standard.cost || "Belum diumumkan");
    $("info-cost").classList.toggle("k-free", Boolean(standard.free));
    $("info-empty").hidden = filled;
    fillInfoState(service);
    show("info-panel");
  }

  function fillInfoState(service) {
    if (!service) return;
    $("info-take").hidden = !service.open;
    $("info-take").disabled = state.busy;
    $("info-closed").hidden = service.open;
    $("info-closed").textContent = service.open ? "" : (service.closed_reason || service.closed_label);
  }

  // ---- the priority path ----------------------------------------------------------------

  function renderCategories() {
    var box = $("priority-categories");
    menu.priorities.forEach(function (category) {
      var button = el("button", "k-category", category.label);
      button.type = "button";
      button.dataset.code = category.code;
      button.addEventListener("click", function () { choosePriority(category); });
      box.appendChild(button);
    });
  }

  function choosePriority(category) {
    state.priority = category;
    $("priority-chosen").textContent = category.label;
    show("priority-banner");
    $("lead").hidden = true;
    hide("priority-panel");
    renderServices();
  }

  function clearPriority() {
    state.priority = null;
    hide("priority-banner");
    $("lead").hidden = false;
    renderServices();
  }

  // ---- issuing --------------------------------------------------------------------------

  function fetchJson(url, options) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    options.signal = controller.signal;
    return fetch(url, options).then(function (response) {
      clearTimeout(timer);
      return response.json().then(function (body) {
        return {ok: response.ok, status: response.status, body: body};
      }, function () {
        return {ok: false, status: response.status, body: null};
      });
    }, function (error) {
      clearTimeout(timer);
      throw error;
    });
  }

  function setBusy(busy) {
    state.busy = busy;
    document.querySelectorAll(".k-take, #info-take").forEach(function (button) {
      if (button.tagName === "BUTTON") button.disabled = busy;
    });
    $("busy").hidden = !busy;
  }

  function take(code) {
    if (state.busy) return; // the second tap of a double tap lands here
    hide("info-panel");
    state.pending = {
      service: code,
      channel: "kiosk",
      priority: state.priority ? state.priority.code : null,
      request_key: newRequestKey()
    };
    send();
  }

  function send() {
    setBusy(true);
    hide("error-panel");
    fetchJson(appUrl("/api/v1/tickets"), {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify(state.pending)
    }).then(function (answer) {
      setBusy(false);
      if (answer.ok) {
        state.pending = null;
        showTicket(answer.body);
      } else if (answer.body && answer.body.message) {
        // The server said why. Busy or down (429, 5xx): the same key may be sent again.
        var canRetry = answer.status === 429 || answer.status >= 500;
        if (!canRetry) state.pending = null;
        showError(answer.body.message, canRetry);
        refreshServices();
      } else {
        showError(NETWORK_ERROR, true); // no answer we can read: the same key may be resent
      }
    }, function () {
      setBusy(false);
      showError(NETWORK_ERROR, true);
    });
  }

  function showError(message, canRetry) {
    $("error-message").textContent = message;
    $("error-retry").hidden = !canRetry;
    show("error-panel");
  }

  // ---- the issued ticket ----------------------------------------------------------------

  function showTicket(ticket) {
    state.ticket = ticket;
    $("ticket").dataset.id = ticket.id;  // kiosk_access.js reads it aloud on request
    $("t-number").textContent = ticket.number;
    // An MPP's ticket names its agency: "Disdukcapil — KTP-el".
    $("t-service").textContent = (ticket.agency_name ? ticket.agency_name + " \u2014 " : "") +
      ticket.service_name;
    var issued = new Date(ticket.issued_at);
    $("t-when").textContent = menu.office.name + " · " + officeClock.date(issued) + " · " +
      officeClock.time(issued) + " " + menu.office.zone_name;
    $("t-priority").hidden = !ticket.priority_label;
    $("t-priority").textContent = ticket.priority_label ? "PRIORITAS · " + ticket.priority_label : "";
    $("t-ahead").textContent = ticket.ahead_label;
    $("t-wait").textContent = ticket.estimated_wait_label || "Segera dilayani";
    $("t-qr").parentNode.hidden = !menu.tracking_qr;  // no address set for phones: no QR
    if (menu.tracking_qr) $("t-qr").src = appUrl("/kiosk/qr/" + encodeURIComponent(ticket.id) + ".svg");
    clearPriority();
    show("ticket");
    startCountdown(menu.reset_seconds);
    var job = ticket.print_status ? ticket.print_status.job : null;
    var printing = (job && state.printStatus[job]) || ticket.print_status || null;
    showPrintStatus(printing);
    if (menu.printing && (!printing || printing.status === "pending")) {
      pollPrintStatus(ticket.id, 15);
    }
  }

  function showPrintStatus(status) {
    var line = $("t-print");
    clearTimeout(state.printTimer);
    if (!menu.printing) {
      line.dataset.status = "none";
      line.textContent = "Silakan catat atau foto nomor Anda, atau pindai kode QR di atas.";
      return;
    }
    var kind = status ? status.status : "pending";
    line.dataset.status = kind;
    if (kind === "failed") {
      line.textContent = "Tiket gagal dicetak, silakan catat/foto nomor Anda.";
      startCountdown(menu.reset_seconds * 2); // time to write the number down
    } else if (kind === "printed") {
      line.textContent = "Tiket sudah dicetak. Silakan ambil tiket Anda di bawah layar.";
    } else {
      line.textContent = "Tiket sedang dicetak…";
      state.printTimer = setTimeout(function () {
        line.dataset.status = "slow";
        line.textContent = "Jika tiket tidak keluar, silakan catat/foto nomor Anda.";
      }, PRINT_SLOW_MS);
    }
  }

  // The live feed reports print results to a paired kiosk; asking also covers an unpaired one
  // and a feed that dropped the event.
  function pollPrintStatus(ticketId, triesLeft) {
    clearTimeout(state.printPoll);
    if (triesLeft <= 0) return;
    state.printPoll = setTimeout(function () {
      if (!state.ticket || state.ticket.id !== ticketId) return;
      fetchJson(appUrl("/kiosk/print-status/" + encodeURIComponent(ticketId)), {}).then(function (answer) {
        var status = answer.ok && answer.body ? answer.body.print_status : null;
        if (status && status.status !== "pending") {
          onPrintStatus(status);
        } else {
          pollPrintStatus(ticketId, triesLeft - 1);
        }
      }, function () { pollPrintStatus(ticketId, triesLeft - 1); });
    }, PRINT_POLL_MS);
  }

  // The feed names the print job, never the ticket's secret id; the issue answer gave the job.
  function onPrintStatus(status) {
    if (!status || !status.job) return;
    state.printStatus[status.job] = status;
    var mine = state.ticket && state.ticket.print_status;
    if (mine && mine.job === status.job && !$("ticket").hidden) {
      showPrintStatus(status);
    }
  }

  function startCountdown(seconds) {
    clearInterval(state.countdown);
    var left = seconds;
    $("t-seconds").textContent = left;
    state.countdown = setInterval(function () {
      left -= 1;
      $("t-seconds").textContent = Math.max(left, 0);
      if (left <= 0) backToStart();
    }, 1000);
  }

  function backToStart() {
    clearInterval(state.countdown);
    clearTimeout(state.printPoll);
    clearTimeout(state.printTimer);
    state.ticket = null;
    state.pending = null;
    ["ticket", "info-panel", "priority-panel", "error-panel"].forEach(hide);
    if (agencySteps) agencySteps.reset();  // the next person starts from the agencies
    clearPriority();
    refreshServices();
    // The next person starts from the usual screen (kiosk_access.js: text size, voice).
    document.dispatchEvent(new CustomEvent("kiosk:reset"));
  }

  // ---- clock, idle reset, live updates -----------------------------------------------

  var officeClock = Common.officeClock(menu.office.timezone);

  function tickClock() {
    var now = state.clock.now();
    $("clock-time").textContent = officeClock.time(now);
    $("clock-date").textContent = officeClock.date(now);
  }

  function touched() {
    clearTimeout(state.idleTimer);
    state.idleTimer = setTimeout(function () {
      if ($("ticket").hidden && !state.busy) backToStart(); // a greeter walked away mid-way
    }, IDLE_RESET_MS);
  }

  // online: live feed; polling: the server answers but sends no live feed (kiosk not paired);
  // offline: the server cannot be reached.
  function setLink(linkState) {
    var link = $("link-state");
    Common.showLink(link, linkState !== "offline", "Terhubung");
    link.dataset.state = linkState;
    link.title = linkState === "polling" ? "Tanpa siaran langsung: kios belum dipasangkan" : "";
  }

  function connect() {
    if (typeof io === "undefined") return;
    var socket = window.AntreanCommon.socket("/display", {transports: ["websocket", "polling"]});
    state.socket = socket;
    Common.watchLink(socket, function (online) {
      state.live = online;
      if (online) setLink("online");
      else refreshServices();
    });
    socket.on("snapshot", onSnapshot);
    ["update", "called"].forEach(function (name) {  // a call carries its update
      socket.on(name, function (payload) {
        if (!state.feed) return;
        if (window.AntreanScreenState.applyEvent(state.feed, name, payload).services.length) {
          updateServices(state.feed.services);
        }
      });
    });
    socket.on("resync", refreshServices);  // the server's message queue is back
    socket.on("setup", function () {  // services changed in /admin: new buttons too
      refreshServices();
      if (agencySteps) agencySteps.refresh();
    });
    socket.on("print_status", onPrintStatus);
  }

  function onSnapshot(snapshot) {
    if (!snapshot || !snapshot.services) return;
    if (snapshot.server_time) state.clock.sync(snapshot.server_time);
    state.feed = window.AntreanScreenState.fromSnapshot(snapshot);
    updateServices(state.feed.services);
  }

  function wire() {
    $("info-close").addEventListener("click", function () { hide("info-panel"); });
    $("info-take").addEventListener("click", function () { take($("info-panel").dataset.code); });
    $("priority-open").addEventListener("click", function () { show("priority-panel"); });
    $("priority-close").addEventListener("click", function () { hide("priority-panel"); });
    $("priority-cancel").addEventListener("click", clearPriority);
    $("error-close").addEventListener("click", function () {
      state.pending = null;
      hide("error-panel");
    });
    $("error-retry").addEventListener("click", function () {
      if (state.pending && !state.busy) send(); // same request_key: never a second ticket
    });
    $("t-done").addEventListener("click", backToStart);
    document.addEventListener("pointerdown", touched, true);
    document.addEventListener("keydown", touched, true);  // keyboard and switch users too
    document.addEventListener("contextmenu", function (event) { event.preventDefault(); });
  }

  // What other kiosk scripts (kiosk_checkin.js) may use: a checked-in booking's number is
  // shown, printed and counted down like any other.
  window.AntreanKiosk = {showTicket: showTicket, render: renderServices};

  wire();
  renderCategories();
  renderServices();
  tickClock();
  setInterval(tickClock, 5000);
  setInterval(refreshServices, 30000); // opening hours change without any event
  setInterval(function () { if (!state.live) refreshServices(); }, POLL_MS);
  touched();
  connect();
})();
