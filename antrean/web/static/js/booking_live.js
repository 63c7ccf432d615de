/* A booking's page, live: once the citizen has checked in, where the ticket stands (people
 * ahead, estimated wait) and "giliran Anda sudah dekat" / the call, from the booking API.
 * Polled, not pushed: the page holds the booking code, never the ticket's secret id. */
(function () {
  "use strict";

  var booking = JSON.parse(document.getElementById("booking-data").dataset.json);
  var POLL_BOOKED_MS = 10000;     // the check-in window is open: the kiosk may check it in
  var POLL_LATER_MS = 60000;      // days or hours before the window
  var POLL_QUEUE_MS = 5000;       // in the queue: the number moves
  var FINISHED = ["done", "no_show", "cancelled", "skipped"];
  var timer = null;

  function $(id) { return document.getElementById(id); }

  var alerts = window.AntreanTurnAlert.create(function (kind, title, text) {
    var box = $("b-alert");
    if (!box) return;
    box.hidden = !kind;
    box.dataset.kind = kind || "";
    $("b-alert-title").textContent = title;
    $("b-alert-text").textContent = text;
  });

  function render(queue) {
    $("b-live").dataset.status = queue.status;
    $("b-number").textContent = queue.number;
    $("b-queue-status").textContent = queue.status_label;
    var waiting = queue.status === "waiting" || queue.status === "transferred";
    $("b-waiting").hidden = !waiting;
    if (waiting) {
      $("b-ahead").textContent = queue.ahead_label;
      $("b-wait").textContent = queue.estimated_wait_label || "Segera dilayani";
    }
    alerts.update(queue);
    $("b-sound").hidden = FINISHED.indexOf(queue.status) >= 0;
  }

  function setLive(online) {
    var line = $("b-live-state");
    if (!line) return;
    line.dataset.state = online ? "online" : "offline";
    line.textContent = online ? "Diperbarui otomatis" :
      "Koneksi terputus, mencoba menghubungkan kembali…";
  }

  function schedule() {
    clearTimeout(timer);
    var queue = booking.queue;
    if (booking.status !== "booked" && !(queue && FINISHED.indexOf(queue.status) < 0)) return;
    var windowOpen = Date.now() >= Date.parse(booking.checkin_opens_at);
    timer = setTimeout(refresh, queue ? POLL_QUEUE_MS : windowOpen ? POLL_BOOKED_MS : POLL_LATER_MS);
  }

  function refresh() {
    fetch(window.AntreanCommon.url("/api/v1/bookings/" + encodeURIComponent(booking.code)), {cache: "no-store"})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (fresh) {
        if (!fresh) { setLive(false); schedule(); return; }
        setLive(true);
        if (fresh.status !== booking.status) {
          window.location.replace(window.AntreanCommon.url("/b/" + encodeURIComponent(fresh.code)));  // checked in
          return;
        }
        booking = fresh;
        if (booking.queue) render(booking.queue);
        schedule();
      }, function () { setLive(false); schedule(); });
  }

  if ($("b-sound")) {
    $("b-sound").addEventListener("click", function () {
      alerts.enable();
      $("b-sound").textContent = "Pemberitahuan, suara & getar aktif";
      $("b-sound").disabled = true;
    });
  }
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) refresh(); // a phone waking up
  });
  if (booking.queue) render(booking.queue);
  schedule();
})();
