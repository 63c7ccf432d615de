/* "Giliran Anda sudah dekat" and "Nomor Anda dipanggil" on a citizen's open page: a browser
 * notification (when allowed), vibration and a chime. Each near alert once per number, each
 * call once per call time. The page says when its ticket changed; this decides what to tell.
 * Used by the booking page (booking_live.js) and the tracking page (tracking.js). */
(function () {
  "use strict";

  var audio = null;

  function unlockAudio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) audio = new Context();
    if (audio && audio.state === "suspended") audio.resume();
  }

  function chime(tones) {
    if (!audio) return; // phones allow sound only after a tap on the page
    tones.forEach(function (frequency, i) {
      var oscillator = audio.createOscillator();
      var gain = audio.createGain();
      var start = audio.currentTime + i * 0.35;
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      gain.connect(audio.destination);
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.5, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.32);
      oscillator.start(start);
      oscillator.stop(start + 0.34);
    });
  }

  function notify(title, text) {
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    try {
      new Notification(title, {body: text, tag: "antrean-" + title});
    } catch (error) {
      // Android Chrome allows notifications only from a service worker: the page still
      // shows the alert, vibrates and chimes.
    }
  }

  /* Near: at most `near_when_ahead` people ahead, or an estimate under `near_when_minutes`. */
  function isNear(ticket) {
    if (ticket.status !== "waiting" && ticket.status !== "transferred") return false;
    var minutes = ticket.near_when_minutes;
    return ticket.ahead <= ticket.near_when_ahead ||
      (minutes > 0 && ticket.estimated_wait_seconds < minutes * 60);
  }

  function nearText(ticket) {
    var people = ticket.ahead_note;
    var wait = ticket.estimated_wait_label ? " (estimasi " + ticket.estimated_wait_label + ")" : "";
    return "Nomor " + ticket.number + ": " + people + wait + ". Mohon berada di ruang tunggu.";
  }

  function calledText(ticket) {
    return "Nomor " + ticket.number + " dipanggil. Silakan menuju " + ticket.counter_name + ".";
  }

  /* `show(kind, title, text)` draws the alert; with `options.calls` false the page tells of
   * calls itself and only the near alert comes from here. */
  function create(show, options) {
    var tellCalls = !options || options.calls !== false;
    var state = {near: false, calledAt: null, first: true};

    function remembered(number) {
      try { return window.sessionStorage.getItem("antrean-near") === number; } catch (e) { return false; }
    }

    function remember(number) {
      try { window.sessionStorage.setItem("antrean-near", number); } catch (e) { /* private mode */ }
    }

    /* Returns "near", "called" or null: what the page should show now. */
    function update(ticket) {
      var first = state.first;
      state.first = false;
      if (ticket.status === "called" && ticket.counter && tellCalls) {
        if (ticket.called_at && ticket.called_at !== state.calledAt) {
          var fresh = state.calledAt !== null || !first;
          state.calledAt = ticket.called_at;
          // A page opened after the call shows it without buzzing; a new call buzzes.
          if (fresh) tell("Nomor Anda dipanggil", calledText(ticket), [880, 660, 880]);
        }
        show("called", "Nomor Anda dipanggil", calledText(ticket));
        return "called";
      }
      if (isNear(ticket)) {
        if (!state.near && !remembered(ticket.number)) {
          state.near = true;
          remember(ticket.number);
          // As with a call: a page opened when the turn is already near shows it quietly.
          if (!first) tell("Giliran Anda sudah dekat", nearText(ticket), [660, 880]);
        }
        show("near", "Giliran Anda sudah dekat", nearText(ticket));
        return "near";
      }
      show(null, "", "");
      return null;
    }

    function tell(title, text, tones) {
      if (navigator.vibrate) navigator.vibrate([400, 150, 400, 150, 400]);
      chime(tones);
      notify(title, text);
    }

    /* On a tap: sound needs a gesture, and notifications need the citizen's yes. */
    function enable() {
      unlockAudio();
      chime([660]);
      if (navigator.vibrate) navigator.vibrate(200);
      if ("Notification" in window && Notification.permission === "default") {
        Notification.requestPermission();
      }
    }

    document.addEventListener("pointerdown", unlockAudio, {once: true});
    return {update: update, enable: enable};
  }

  // The tracking page tells of calls itself but sounds the same chime.
  window.AntreanTurnAlert = {create: create, isNear: isNear, chime: chime, unlockAudio: unlockAudio};
})();
