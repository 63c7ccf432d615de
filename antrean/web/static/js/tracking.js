/* Phone tracking page: one ticket, live over Socket.IO /track, rebuilt from the API whenever
 * the queue moves or the connection comes back. Shows nothing about other citizens. */
(function () {
  "use strict";

  var page = JSON.parse(document.getElementById("tracking-data").textContent);
  var Common = window.AntreanCommon;
  var ticketId = page.ticket.id;
  var counterWord = page.office.counter_word || "loket";
  var lastCall = page.ticket.status === "called" ? page.ticket.called_at : null;
  var Alert = window.AntreanTurnAlert;  // the chime shared with the booking page
  var refetchTimer = null;

  // What each state tells the citizen; plain waiting shows the position instead.
  var ALERTS = {
    called: function (t) {
      return ["Giliran Anda", "Nomor Anda dipanggil, silakan menuju " + t.counter_name + "."];
    },
    serving: function (t) {
      return ["Sedang dilayani", "Anda sedang dilayani di " + t.counter_name + "."];
    },
    done: function () {
      return ["Layanan selesai", "Terima kasih. Mohon luangkan satu menit untuk menilai layanan kami."];
    },
    skipped: function () {
      return ["Nomor Anda dilewati", "Anda belum ada di " + counterWord + " saat nomor ini dipanggil. Temui petugas " + counterWord + " agar nomor Anda dipanggil kembali."];
    },
    no_show: function () {
      return ["Tidak hadir", "Anda tercatat tidak hadir saat nomor ini dipanggil. Bila masih memerlukan layanan, silakan ambil nomor baru."];
    },
    cancelled: function () {
      return ["Tiket dibatalkan", "Nomor antrean ini sudah dibatalkan."];
    },
    transferred: function (t) {
      return ["Dialihkan", "Tiket Anda dialihkan ke layanan " + t.service_name +
        ". Nomor dan urutan Anda tetap."];
    }
  };

  function $(id) { return document.getElementById(id); }

  function render(ticket) {
    if (!ticket || ticket.id !== ticketId) return;
    var waiting = ticket.status === "waiting" || ticket.status === "transferred";
    $("tracking").dataset.status = ticket.status;
    $("t-number").textContent = ticket.number;
    $("t-service").textContent = ticket.service_name;
    $("t-status").textContent = ticket.status_label;
    $("t-priority").hidden = !ticket.priority_label;
    $("t-priority").textContent = "PRIORITAS · " + (ticket.priority_label || "");
    $("t-standard").href = Common.url("/layanan/" + encodeURIComponent(ticket.service));
    $("t-standard").textContent = "Persyaratan & standar layanan " + ticket.service_name;
    $("t-waiting").hidden = !waiting;
    if (waiting) {
      $("t-ahead").textContent = ticket.ahead_label;
      $("t-wait").textContent = ticket.estimated_wait_label || "Segera dilayani";
      $("t-next").hidden = ticket.ahead !== 0;
    }
    var alert = ALERTS[ticket.status] ? ALERTS[ticket.status](ticket) : null;
    if (!alert) alert = nearAlert(ticket);
    $("t-alert").hidden = !alert;
    if (alert) {
      $("t-alert-title").textContent = alert[0];
      $("t-alert-text").textContent = alert[1];
    }
    var atCounter = (ticket.status === "called" || ticket.status === "serving") && ticket.counter;
    $("t-alert-counter").hidden = !atCounter;
    $("t-alert-counter").textContent = atCounter ? ticket.counter_name : "";
    $("t-survey").hidden = ticket.status !== "done";
    // Only a number still in the queue can be given up ("Batalkan nomor").
    $("t-cancel").hidden = ["waiting", "transferred", "skipped"].indexOf(ticket.status) < 0;
    // Once the visit is over there is no call left to be woken for.
    $("t-sound").hidden = ["done", "no_show", "cancelled"].indexOf(ticket.status) >= 0;
    document.title = ticket.number + " · " + ticket.status_label + " · " + page.office.name;
    // Each call once: an answer fetched before a recall may arrive after it, with the older
    // call in it, and must not buzz the phone again.
    if (ticket.status === "called" && ticket.called_at &&
        (!lastCall || Date.parse(ticket.called_at) > Date.parse(lastCall))) {
      lastCall = ticket.called_at;
      notifyCalled();
    }
  }

  // "Giliran Anda sudah dekat" (turn_alert.js), at the office's thresholds.
  var turnAlert = Alert.create(function () {}, {calls: false});

  function nearAlert(ticket) {
    if (!turnAlert || !page.near) return null;
    var facts = Object.assign({}, ticket, page.near);
    return turnAlert.update(facts) === "near" ? ["Giliran Anda sudah dekat",
      ticket.ahead_note + ". Mohon berada di ruang tunggu."] : null;
  }

  // ---- sound and vibration when called --------------------------------------------------

  function notifyCalled() {
    if (navigator.vibrate) navigator.vibrate([400, 150, 400, 150, 400]);
    Alert.chime([880, 660]);
  }

  // ---- keeping up to date ---------------------------------------------------------------

  var officeClock = Common.officeClock(page.office.timezone);

  function setLive(online) {
    Common.showLink($("t-live"), online, "Diperbarui otomatis · " +
      officeClock.time(new Date()) + " " + page.office.zone_name);
  }

  function refetch() {
    clearTimeout(refetchTimer);
    refetchTimer = setTimeout(function () {
      fetch(Common.url("/api/v1/tickets/" + encodeURIComponent(ticketId)), {cache: "no-store"})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (ticket) {
          if (ticket) { render(ticket); setLive(true); }
        }, function () { setLive(false); });
    }, 150); // several moves in a burst cost one request
  }

  function connect() {
    var socket = Common.socket("/track", {transports: ["websocket", "polling"]});
    Common.watchLink(socket, function (online) {
      if (!online) { setLive(false); return; }
      // Rooms do not survive a reconnect: follow again, and rebuild from the API meanwhile.
      refetch();
      socket.emit("follow", {id: ticketId}, function (answer) {
        if (answer && answer.ticket) {
          render(answer.ticket);
          setLive(true);
        }
      });
    });
    socket.on("ticket", function (ticket) {
      // A late push (resent once the server's message queue came back) may be stale: ask.
      if (!ticket.late) render(ticket);
      setLive(true);
      refetch(); // the pushed view may lack the position; the API has it
    });
    socket.on("queue_changed", refetch);
    socket.on("resync", refetch);  // pushes may have been lost while the queue was down
  }

  $("t-sound").addEventListener("click", function () {
    Alert.unlockAudio();
    Alert.chime([880, 660]);
    if (navigator.vibrate) navigator.vibrate(200);
    $("t-sound").textContent = "Suara & getar aktif";
    $("t-sound").disabled = true;
  });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) refetch(); // a phone waking up may have missed pushes
  });

  render(page.ticket);
  connect();
})();
