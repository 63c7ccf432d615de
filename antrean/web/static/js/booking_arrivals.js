/* Today's booked arrivals on the console and the monitor: per service and session, how many
 * are expected, who has checked in (with the number) and who did not come. Refreshed every
 * 20 seconds from /api/v1/booking-arrivals; citizens' names go in as text, never as HTML. */
(function () {
  "use strict";

  var box = document.getElementById("booking-arrivals");
  if (!box) return;
  var REFRESH_MS = 20000;
  var services = (box.dataset.services || "").split(",").filter(Boolean);

  var el = window.AntreanCommon.element;  // screen_common.js

  function person(row) {
    var item = el("li", "ba-person");
    item.dataset.status = row.status;
    item.appendChild(el("span", "ba-name", row.name));
    item.appendChild(el("span", "ba-code", row.code_label));
    var state = row.status === "checked_in" ? "Check-in · " + row.ticket_number : row.status_label;
    item.appendChild(el("span", "ba-status", state));
    return item;
  }

  function group(data) {
    var section = el("div", "ba-group");
    var head = el("p", "ba-head");
    head.appendChild(el("strong", "", data.service_name + " · " + data.session_label));
    head.appendChild(el("span", "ba-counts", data.checked_in + " dari " + data.expected +
      " sudah check-in" + (data.no_show ? " · " + data.no_show + " tidak datang" : "")));
    section.appendChild(head);
    var list = el("ul", "ba-people");
    data.people.forEach(function (row) { list.appendChild(person(row)); });
    section.appendChild(list);
    return section;
  }

  function render(data) {
    var body = box.querySelector(".ba-body");
    body.textContent = "";
    box.querySelector(".ba-total").textContent = data.expected ?
      data.checked_in + " dari " + data.expected + " sudah check-in" : "";
    if (!data.groups.length) {
      body.appendChild(el("p", "muted", "Tidak ada booking untuk hari ini."));
      return;
    }
    data.groups.forEach(function (g) { body.appendChild(group(g)); });
  }

  function refresh() {
    var query = services.map(function (code) {
      return "service=" + encodeURIComponent(code);
    }).join("&");
    fetch(window.AntreanCommon.url("/api/v1/booking-arrivals") + (query ? "?" + query : ""),
          {credentials: "same-origin", cache: "no-store"})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) render(data); }, function () { /* next round */ });
  }

  refresh();
  setInterval(refresh, REFRESH_MS);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
})();
