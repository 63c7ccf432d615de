/*
 * The deployment's dashboard: every office's waiting count, longest wait, open loket and
 * target breaches. The server says which office moved ("office_changed"); the page fetches
 * that office's row again, at most once a second per office, and everything once a minute
 * in case a message was lost. Every label comes from the server.
 */
(function () {
  "use strict";

  var table = document.getElementById("deployment-table");
  var live = document.getElementById("deployment-live");
  if (!table) return;
  var api = table.getAttribute("data-api");
  var pending = {};
  var timer = null;

  function setLive(state, text) {
    live.setAttribute("data-state", state);
    live.textContent = text;
  }

  function cell(row, field) { return row.querySelector('[data-field="' + field + '"]'); }

  function showRow(office) {
    var row = table.querySelector('tr[data-office="' + CSS.escape(office.code) + '"]');
    if (!row) { refreshAll(); return; }  // an office added since the page was drawn
    if (!office.available || !cell(row, "waiting")) { refreshAll(); return; }
    ["waiting", "longest_wait_label", "overdue", "counters_label", "served_today",
     "clock_label", "address"].forEach(function (field) {
      var node = cell(row, field);
      if (node) node.textContent = office[field];
    });
    row.classList.toggle("breach", office.overdue > 0);
  }

  function showTotals(totals) {
    var foot = document.getElementById("deployment-totals");
    ["waiting", "overdue", "served_today"].forEach(function (field) {
      foot.querySelector('[data-total="' + field + '"]').textContent = totals[field];
    });
    foot.querySelector('[data-total="counters_label"]').textContent =
      totals.open_counters + " / " + totals.counters;
  }

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (r.ok) return r.json(); throw new Error(String(r.status)); });
  }

  function refreshAll() {
    fetchJson(api).then(function (data) {
      var known = table.querySelectorAll("tbody tr").length;
      if (data.offices.length !== known) { window.location.reload(); return; }
      data.offices.forEach(showRow);
      showTotals(data.totals);
    }).catch(function () { setLive("down", "Gagal memuat; mencoba lagi…"); });
  }

  function flush() {
    timer = null;
    var codes = Object.keys(pending);
    pending = {};
    codes.forEach(function (code) {
      fetchJson(api + "/" + encodeURIComponent(code)).then(showRow).catch(function () {});
    });
    if (codes.length) fetchJson(api).then(function (data) { showTotals(data.totals); })
      .catch(function () {});
  }

  var socket = window.AntreanCommon.socket("/deployment",
                                            { transports: ["websocket", "polling"] });
  socket.on("connect", function () { setLive("live", "Langsung"); refreshAll(); });
  socket.on("disconnect", function () { setLive("down", "Terputus; menyambung lagi…"); });
  socket.on("connect_error", function () { setLive("down", "Terputus; menyambung lagi…"); });
  socket.on("office_changed", function (message) {
    if (!message || typeof message.office !== "string") return;
    pending[message.office] = true;
    if (!timer) timer = setTimeout(flush, 1000);
  });
  setInterval(refreshAll, 60000);
})();
