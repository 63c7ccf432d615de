// SKM form helpers: point at the first unanswered question; on a loket tablet, follow the
// loket and show the survey of the ticket that has just finished there.
(function () {
  "use strict";
  var form = document.querySelector("form.survey-form");
  var lastTouch = 0;

  function countAnswered() {
    var counter = document.getElementById("answered");
    if (!counter) return;
    counter.textContent = Array.prototype.filter.call(form.querySelectorAll(".element"), function (card) {
      return card.querySelector("input:checked");
    }).length;
  }

  if (form) {
    countAnswered();
    form.addEventListener("change", function (event) {
      lastTouch = Date.now();
      countAnswered();
      var card = event.target.closest(".element");
      if (card) card.classList.remove("missing");
    });
    form.addEventListener("submit", function (event) {
      var missing = Array.prototype.filter.call(form.querySelectorAll(".element"), function (card) {
        return !card.querySelector("input:checked");
      });
      missing.forEach(function (card) { card.classList.add("missing"); });
      if (missing.length) {
        event.preventDefault();
        missing[0].scrollIntoView({ behavior: "smooth", block: "center" });
      }
    });
  }

  var tablet = document.getElementById("tablet");
  if (!tablet) return;
  var loket = tablet.dataset.loket;
  var shown = tablet.dataset.ticket || null;
  var home = window.AntreanCommon.url("/survei/loket/" + loket);

  function check() {
    fetch(home + "/status", { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        var busy = Date.now() - lastTouch < 45000;
        if (data.ticket !== shown && !(busy && shown)) window.location.replace(home);
      })
      .catch(function () { /* offline for a moment: the next check tries again */ });
  }

  if (document.getElementById("thanks")) {
    setTimeout(function () { window.location.replace(home); }, 8000);
  }
  if (window.io) {
    var socket = window.AntreanCommon.socket("/display", { transports: ["websocket", "polling"] });
    var mine = function (update) {  // a ticket finished (or called) at this loket?
      if (update && (update.counters || []).some(function (c) {
        return String(c.number) === loket;
      })) check();
    };
    socket.on("update", mine);
    socket.on("called", function (call) { mine(call.update); });
    socket.on("resync", check);
  }
  setInterval(check, 15000);
})();
