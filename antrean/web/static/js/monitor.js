// Live monitor: rebuilt from /monitor/data.json after /display updates (at most once a
// second) and every 15 s;
// the waiting clocks age every second in between, so an overdue ticket shows at once.
// In an MPP the figures may be of one agency (?instansi=<code>): the data is fetched for it,
// and every answer is reduced to that agency's services and gerai before it is shown.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("monitor-data").textContent);
  var Common = window.AntreanCommon;
  var esc = Common.escapeHtml;
  var clock = Common.serverClock();
  var officeClock = Common.officeClock(data.timezone);
  var $ = function (id) { return document.getElementById(id); };
  var agency = data.agency_filter || "";

  function inAgency(item) { return !agency || item.agency === agency; }
  function scoped(fresh) {  // the chosen agency's part of an answer, whatever it holds
    if (!agency) return fresh;
    var waiting = fresh.waiting.filter(inAgency);
    return Object.assign({}, fresh, {
      services: fresh.services.filter(inAgency), counters: fresh.counters.filter(inAgency),
      waiting: waiting, waiting_total: waiting.length, agency_filter: agency
    });
  }
  function dataUrl() {
    return Common.url("/monitor/data.json") + (agency ? "?instansi=" + encodeURIComponent(agency) : "");
  }

  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    if (h) return h + " jam " + m + " mnt";
    if (m) return m + " mnt " + (s < 10 ? "0" : "") + s + " dtk";
    return s + " dtk";
  }
  function waited(ticket) { return (clock.nowMs() - Date.parse(ticket.issued_at)) / 1000; }
  function isOverdue(ticket) { return ticket.target_seconds != null && waited(ticket) > ticket.target_seconds; }

  function accept(fresh) {
    if ((fresh.agency_filter || "") !== agency) {
      return;  // asked before the choice changed: the answer for the new one follows
    }
    data = scoped(fresh);
    clock.sync(fresh.server_time);
    renderCounters();
    tick();
  }

  function renderCounters() {
    $("counters").innerHTML = data.counters.map(function (c) {
      var current = c.current ? '<span class="ticket-no">' + esc(c.current.number) + "</span> " +
        '<span class="muted">' + esc(c.current.status_label) + "</span>" : '<span class="muted">–</span>';
      return "<tr><td>" + esc(c.name) + '</td><td class="state"><span class="state-' + esc(c.state) + '">' +
        esc(c.state_label) + "</span></td><td>" + esc(c.petugas || "–") + "</td><td>" + current +
        "</td><td>" + esc(c.current ? c.current.since_label : (c.since_label || "–")) + "</td></tr>";
    }).join("");
    $("calls").textContent = data.calls_last_hour;
    $("served").textContent = data.served_today;
    $("waiting-total").textContent = data.waiting_total;
  }

  function tick() {
    var overdue = data.waiting.filter(isOverdue);
    $("services").innerHTML = data.services.map(function (s) {
      var mine = data.waiting.filter(function (t) { return t.service === s.code; });
      var late = mine.filter(isOverdue).length;
      var longest = mine.length ? "terlama " + esc(mine[0].number) + " · " + duration(waited(mine[0])) : "tidak ada yang menunggu";
      return '<article class="svc' + (late ? " overdue" : "") + '" data-service="' + esc(s.code) + '"><h3>' +
        esc(s.name) + '</h3><div class="count">' + mine.length + " <small>menunggu</small></div>" +
        '<div class="longest">' + longest + "</div><div class=\"muted\">" + esc(s.target_label) +
        (late ? " · <strong>" + late + " lewat target</strong>" : "") + "</div></article>";
    }).join("");
    $("waiting").innerHTML = data.waiting.slice(0, 12).map(function (t) {
      return "<tr><td><strong>" + esc(t.number) + "</strong></td><td>" + esc(t.service_name) +
        '</td><td class="num' + (isOverdue(t) ? " over" : "") + '">' + duration(waited(t)) + "</td></tr>";
    }).join("") || '<tr><td colspan="3" class="muted">Tidak ada yang menunggu.</td></tr>';
    var first = data.waiting[0];
    $("longest").textContent = first ? duration(waited(first)) : "–";
    $("longest-detail").textContent = first ? first.number + " · " + first.service_name : "";
    var alert = $("alert");
    alert.hidden = overdue.length === 0;
    $("alert-text").textContent = overdue.length + " nomor menunggu melebihi target waktu tunggu: " +
      overdue.slice(0, 6).map(function (t) { return t.number; }).join(", ");
    $("clock").textContent = officeClock.timeWithSeconds(clock.now()) + " " + (data.zone_name || "");
  }

  function refresh() {
    fetch(dataUrl(), { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { if (r.ok) return r.json(); throw new Error(r.status); })
      .then(accept).catch(function () {
        $("live").className = "live off";
        $("live").textContent = "● gagal memuat data, mencoba lagi";
      });
  }

  var pending = null;
  function soon() {  // a burst of updates costs one fetch
    if (!pending) pending = setTimeout(function () { pending = null; refresh(); }, 1000);
  }

  var socket = Common.socket("/display", { transports: ["websocket", "polling"] });
  Common.watchLink(socket, function (online) {
    $("live").className = online ? "live" : "live off";
    Common.showLink($("live"), online, "● langsung");
    if (online) soon();
  });
  socket.on("update", soon);
  socket.on("called", soon);
  socket.on("resync", soon);
  socket.on("setup", soon);  // services or counters changed in /admin
  var choice = $("agency");
  if (choice) {
    choice.addEventListener("change", function () {
      agency = choice.value;
      // The address says the choice, so a bookmark or a reload opens the same agency.
      history.replaceState(null, "", Common.url("/monitor") + (agency ? "?instansi=" + encodeURIComponent(agency) : ""));
      refresh();
    });
    $("agency-apply").hidden = true;  // without this script, the button sends the form
  }
  accept(data);
  setInterval(tick, 1000);
  setInterval(refresh, 15000);
})();
