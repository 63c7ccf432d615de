/*
 * Counter console: renders the server's view model (/console/state.json), sends actions to
 * the JSON API with the session cookie and the X-CSRF-Token header, and refreshes whenever
 * the /display feed says the queue changed. Which buttons are enabled comes from
 * view.actions, decided by the server; this script holds no queue rules.
 */
(function () {
  "use strict";

  var root = document.getElementById("console");
  var counter = Number(root.dataset.counter);
  var csrf = root.dataset.csrf;
  var view = JSON.parse(document.getElementById("console-initial").textContent);
  var Common = window.AntreanCommon;
  var escapeHtml = Common.escapeHtml;
  var clock = Common.serverClock();
  var busy = false;
  var refreshTimer = null;

  var API = window.AntreanCommon.url("/api/v1");
  var REQUESTS = {
    call: function () { return [API + "/counters/" + counter + "/call-next"]; },
    recall: function () { return [API + "/counters/" + counter + "/recall"]; },
    start: ticketAction("start"),
    finish: ticketAction("finish"),
    skip: ticketAction("skip"),
    no_show: ticketAction("no-show"),
    reprint: ticketAction("reprint"),
    transfer: function () {
      var target = byId("transfer-target").value;
      return [API + "/tickets/" + view.current.id + "/transfer", { service: target }];
    },
    confirm_priority: function () {
      return [API + "/tickets/" + view.current.id + "/priority", { decision: "confirm" }];
    },
    pause: function () { return [API + "/counters/" + counter + "/state", { state: "break" }]; },
    open: function () { return [API + "/counters/" + counter + "/state", { state: "open" }]; }
  };

  function ticketAction(path) {
    return function () { return [API + "/tickets/" + view.current.id + "/" + path]; };
  }

  function byId(id) { return document.getElementById(id); }

  // ---- rendering -------------------------------------------------------------------------

  function render() {
    clock.sync(view.server_time);
    renderHead();
    renderCurrent();
    renderActions();
    renderWaiting();
    renderSkipped();
    tick();
  }

  function renderHead() {
    var state = byId("counter-state");
    state.textContent = view.counter.state_label;
    state.className = "state-badge state-" + view.counter.state;
    byId("served-today").textContent = view.served_today;
    byId("served-by-me").textContent = view.served_today_by_me;
    byId("waiting-total").textContent = view.waiting_total;
  }

  function renderCurrent() {
    var current = view.current;
    byId("current").className = current ? "current-" + current.status : "current-empty";
    byId("current-number").textContent = current ? current.number : "—";
    byId("current-status").textContent = current ? current.status_label : "Belum ada panggilan";
    byId("current-service").textContent = current ? current.service_name : "";
    var priority = byId("current-priority");
    priority.hidden = !(current && current.priority_label);
    priority.textContent = current && current.priority_label ? "Prioritas: " + current.priority_label +
      (current.priority_check_label ? " · " + current.priority_check_label : "") : "";
  }

  function renderActions() {
    document.querySelectorAll("[data-action]").forEach(function (button) {
      var name = button.dataset.action;
      button.disabled = busy || !view.actions[name];
      if (name === "pause" || name === "open") button.hidden = !view.actions[name];
      if (name === "confirm_priority" || name === "remove_priority") {
        button.disabled = busy || !view.actions.check_priority;
        button.hidden = !view.actions.check_priority;
      }
    });
    var select = byId("transfer-target");
    var chosen = select.value;
    select.innerHTML = "";
    view.transfer_targets.forEach(function (target) {
      var option = document.createElement("option");
      option.value = target.code;
      option.textContent = target.name;
      option.selected = target.code === chosen;  // keep what the petugas picked
      select.appendChild(option);
    });
    select.disabled = !view.actions.transfer;
  }

  function renderWaiting() {
    var body = byId("waiting-list");
    body.innerHTML = "";
    view.waiting.forEach(function (ticket) {
      var row = document.createElement("tr");
      row.dataset.number = ticket.number;
      if (ticket.priority) row.className = "priority";
      var note = [];
      if (ticket.priority_label) note.push("<span class=\"priority-pill\">Prioritas · " + escapeHtml(ticket.priority_label) + "</span>");
      if (ticket.priority_check === "pending") note.push("<span class=\"status-pill\">Menunggu konfirmasi</span>");
      if (ticket.status === "transferred") note.push("<span class=\"status-pill\">" + escapeHtml(ticket.status_label) + "</span>");
      row.innerHTML =
        "<td class=\"ticket-number\">" + escapeHtml(ticket.number) + "</td>" +
        "<td>" + escapeHtml(ticket.service_name) + "</td>" +
        "<td>" + note.join(" ") + "</td>" +
        "<td class=\"num\">" + escapeHtml(ticket.issued_time) + "</td>" +
        "<td class=\"num\" data-since=\"" + escapeHtml(ticket.issued_at) + "\"></td>" +
        "<td class=\"row-actions\"></td>";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "small secondary";
      button.textContent = "Panggil";
      button.title = "Panggil " + ticket.number + " di luar urutan";
      button.dataset.ticketAction = "call_ticket";
      button.disabled = busy || !ticket.actions.call_ticket;
      button.addEventListener("click", function () { askOutOfOrder(ticket); });
      row.lastChild.appendChild(button);
      if (ticket.actions.confirm_priority) {
        var confirm = document.createElement("button");
        confirm.type = "button";
        confirm.className = "small good";
        confirm.textContent = "Konfirmasi Prioritas";
        confirm.dataset.ticketAction = "confirm_priority";
        confirm.disabled = busy;
        confirm.addEventListener("click", function () {
          if (busy) return;
          send("confirm_priority", [API + "/tickets/" + ticket.id + "/priority", { decision: "confirm" }],
               ticket);
        });
        row.lastChild.appendChild(confirm);
      }
      body.appendChild(row);
    });
    byId("waiting-empty").hidden = view.waiting.length > 0;
    byId("waiting-more").hidden = !view.waiting_more_label;
    byId("waiting-more").textContent = view.waiting_more_label || "";
  }

  function renderSkipped() {
    var body = byId("skipped-list");
    body.innerHTML = "";
    view.skipped.forEach(function (ticket) {
      var row = document.createElement("tr");
      row.dataset.number = ticket.number;
      row.innerHTML =
        "<td class=\"ticket-number\">" + escapeHtml(ticket.number) + "</td>" +
        "<td>" + escapeHtml(ticket.service_name) + "</td>" +
        "<td class=\"num\">" + escapeHtml(ticket.called_time) + "</td>" +
        "<td class=\"row-actions\"></td>";
      var cell = row.lastChild;
      [["requeue", "Kembalikan ke Antrean", "secondary"], ["no_show", "Tidak Hadir", "danger"]]
        .forEach(function (spec) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "small " + spec[2];
          button.textContent = spec[1];
          button.dataset.ticketAction = spec[0];
          button.disabled = busy || !ticket.actions[spec[0]];
          button.addEventListener("click", function () { runOnTicket(spec[0], ticket); });
          cell.appendChild(button);
        });
      body.appendChild(row);
    });
    byId("skipped-card").hidden = view.skipped.length === 0;
  }

  // ---- live timers ------------------------------------------------------------------------

  function duration(ms) {
    var seconds = Math.max(0, Math.floor(ms / 1000));
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = seconds % 60;
    var mmss = String(minutes).padStart(2, "0") + ":" + String(rest).padStart(2, "0");
    return hours ? hours + ":" + mmss : mmss;
  }

  function since(iso, until) {
    return iso ? duration((until || clock.nowMs()) - Date.parse(iso)) : "—";
  }

  function tick() {
    var current = view.current;
    var called = current && current.called_at ? Date.parse(current.called_at) : null;
    byId("timer-waited").textContent = current ? since(current.issued_at, called) : "—";
    byId("timer-called").textContent = current && current.status === "called" ? since(current.called_at) : "—";
    byId("timer-served").textContent = current && current.started_at ? since(current.started_at) : "—";
    document.querySelectorAll("[data-since]").forEach(function (cell) {
      cell.textContent = since(cell.dataset.since);
    });
  }

  // ---- actions ----------------------------------------------------------------------------

  function showMessage(text, kind) {
    var box = byId("console-message");
    box.textContent = text;
    box.className = "console-message " + kind;
    box.hidden = !text;
  }

  function run(name) {
    if (name === "confirm_priority" || name === "remove_priority") {
      if (busy || !view.actions.check_priority) return;
      if (name === "remove_priority") { askRemovePriority(view.current); return; }
    } else if (busy || !view.actions[name]) {
      return;
    }
    send(name, REQUESTS[name](), view.current);
  }

  /** Removing a priority needs a reason, which goes to the audit log. */
  var removalTicket = null;

  function askRemovePriority(ticket) {
    removalTicket = ticket;
    byId("remove-priority-number").textContent = ticket.number;
    byId("remove-priority-reason").value = "";
    byId("remove-priority").showModal();
  }

  byId("remove-priority-cancel").addEventListener("click", function () {
    byId("remove-priority").close();
  });

  byId("remove-priority-form").addEventListener("submit", function (event) {
    var reason = byId("remove-priority-reason").value.trim();
    if (!reason) {
      event.preventDefault();
      byId("remove-priority-reason").focus();
      return;
    }
    send("remove_priority", [API + "/tickets/" + removalTicket.id + "/priority",
                             { decision: "remove", reason: reason }], removalTicket);
  });

  /** Actions on a skipped ticket: back to the queue, or marked as not present. */
  function runOnTicket(name, ticket) {
    if (busy || !ticket.actions[name]) return;
    var path = name === "no_show" ? "no-show" : name;
    send(name, [API + "/tickets/" + ticket.id + "/" + path], ticket);
  }

  /** Calling out of turn needs a reason, which goes to the audit log. */
  var outOfOrderTicket = null;

  function askOutOfOrder(ticket) {
    if (busy || !ticket.actions.call_ticket) return;
    outOfOrderTicket = ticket;
    byId("out-of-order-number").textContent = ticket.number;
    byId("out-of-order-reason").value = "";
    byId("out-of-order").showModal();
  }

  byId("out-of-order-cancel").addEventListener("click", function () {
    byId("out-of-order").close();
  });

  byId("out-of-order-form").addEventListener("submit", function (event) {
    var reason = byId("out-of-order-reason").value.trim();
    if (!reason) {
      event.preventDefault();
      byId("out-of-order-reason").focus();
      return;
    }
    var ticket = outOfOrderTicket;
    send("call_ticket", [API + "/counters/" + counter + "/call", { ticket: ticket.id, reason: reason }],
         ticket);
  });

  function send(name, request, ticket) {
    busy = true;
    renderActions();
    fetch(request[0], {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, "Accept": "application/json" },
      body: JSON.stringify(request[1] || {})
    }).then(function (response) {
      if (response.status === 204) return { ok: true, data: null, status: 204 };
      return response.json().then(function (data) {
        return { ok: response.ok, data: data, status: response.status };
      }, function () {
        return { ok: false, data: null, status: response.status };
      });
    }).then(function (result) {
      if (result.ok) {
        showMessage(successText(name, result, ticket), "success");
      } else {
        showMessage(errorText(result), "error");
      }
      return result;
    }, function () {
      showMessage("Server tidak dapat dihubungi. Periksa jaringan lalu coba lagi.", "error");
      return null;
    }).then(function (result) {
      busy = false;
      if (result && result.status === 401) { sessionEnded(); return; }
      return refresh();
    });
  }

  function successText(name, result, subject) {
    var ticket = result.data && result.data.number ? result.data.number
      : subject ? subject.number : "";
    switch (name) {
      case "call": return result.status === 204 ? "Tidak ada nomor yang menunggu." : ticket + " dipanggil.";
      case "recall": return ticket + " dipanggil ulang.";
      case "call_ticket": return ticket + " dipanggil di luar urutan.";
      case "start": return ticket + " mulai dilayani.";
      case "finish": return ticket + " selesai dilayani.";
      case "skip": return ticket + " dilewati.";
      case "no_show": return ticket + " dicatat tidak hadir.";
      case "transfer": return ticket + " dialihkan ke " + result.data.service_name + ".";
      case "pause": return "Loket istirahat.";
      case "open": return "Loket dibuka.";
      case "reprint": return "Tiket " + ticket + " dikirim ke printer.";
      case "requeue": return ticket + " dikembalikan ke antrean.";
      case "confirm_priority": return "Prioritas " + ticket + " dikonfirmasi.";
      case "remove_priority": return "Prioritas " + ticket + " dicabut; nomor kembali ke antrean sebagai nomor biasa.";
    }
    return "";
  }

  function errorText(result) {
    if (result.status === 401) return SESSION_ENDED;
    if (result.data && result.data.message) return result.data.message;
    return "Terjadi kesalahan (" + result.status + "). Silakan coba lagi.";
  }

  function refresh() {
    // This fetch covers every event received so far: a refresh they scheduled is not needed.
    clearTimeout(refreshTimer);
    refreshTimer = null;
    return fetch(window.AntreanCommon.url("/console/state.json"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (response.redirected) { sessionEnded(); return null; }
        return response.json().then(function (data) {
          if (!response.ok) throw new Error(data.message || response.status);
          return data;
        });
      })
      .then(function (data) {
        if (data) { view = data; render(); }
      })
      .catch(function (error) {
        showMessage("Gagal memuat data loket: " + error.message, "error");
      });
  }

  var SESSION_ENDED = "Sesi Anda berakhir. Muat ulang halaman lalu masuk kembali.";

  /** Signed out elsewhere or deactivated: say so and offer nothing that would fail. */
  function sessionEnded() {
    Object.keys(view.actions).forEach(function (name) { view.actions[name] = false; });
    view.skipped.forEach(function (ticket) { ticket.actions = {}; });
    view.waiting.forEach(function (ticket) { ticket.actions = {}; });
    render();
    showMessage(SESSION_ENDED, "error");
  }

  function scheduleRefresh() {
    // Several events arrive per action, and a rush at the kiosk sends many: one fetch covers
    // all that arrive within 80 ms.
    if (refreshTimer) return;
    refreshTimer = setTimeout(function () { refreshTimer = null; refresh(); }, 80);
  }

  // ---- wiring -----------------------------------------------------------------------------

  document.querySelectorAll("[data-action]").forEach(function (button) {
    button.addEventListener("click", function () { run(button.dataset.action); });
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey || event.repeat) return;
    var tag = event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    var key = event.key.toLowerCase();
    var buttons = document.querySelectorAll("[data-key=\"" + key + "\"]");
    for (var i = 0; i < buttons.length; i++) {
      if (!buttons[i].hidden && !buttons[i].disabled) {
        event.preventDefault();
        run(buttons[i].dataset.action);
        return;
      }
    }
  });

  /** An update concerns this console when it touches its loket or a service it serves. */
  function concernsMe(update) {
    var mine = view.counter.services || [];
    return (update.counters || []).some(function (c) { return c.number === counter; }) ||
      (update.services || []).some(function (s) { return mine.indexOf(s.code) >= 0; });
  }

  var socket = window.AntreanCommon.socket("/display", { reconnectionDelayMax: 3000 });
  Common.watchLink(socket, function (online) {
    Common.showLink(byId("link-state"), online);
    if (online) scheduleRefresh();
  });
  socket.on("update", function (update) { if (concernsMe(update)) scheduleRefresh(); });
  socket.on("called", function (call) {  // a call carries its update
    if (call.update && concernsMe(call.update)) scheduleRefresh();
  });
  socket.on("resync", scheduleRefresh);  // the server's message queue is back
  socket.on("setup", scheduleRefresh);  // services or counters changed in /admin

  setInterval(tick, 1000);
  render();

  window.AntreanConsole = {
    get view() { return view; },
    refresh: refresh
  };
})();
