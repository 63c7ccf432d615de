/* Kiosk check-in of an online booking ("Sudah punya booking?").
 * A USB barcode scanner types the QR's text like a keyboard and ends with Enter, so a scan
 * works from the start screen without a touch; a citizen without the QR types the code on the
 * on-screen keys. Whether the check-in may happen is the server's to say: its refusal (too
 * early, too late, another day, unknown or used code) is shown as it comes, with what to do. */
(function () {
  "use strict";

  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var NETWORK_ERROR = "Tidak dapat terhubung ke server, coba lagi.";
  var EMPTY_CODE = "Ketik kode booking Anda terlebih dahulu, atau pindai kode QR booking.";
  var REQUEST_TIMEOUT_MS = 10000;
  var IDLE_CLOSE_MS = 60000;
  var SCAN_KEY_GAP_MS = 120;   // a scanner types faster than this; a person does not
  var OTHER_PANELS = ["ticket", "info-panel", "priority-panel", "error-panel", "busy"];

  var panel = document.getElementById("checkin-panel");
  var form = document.getElementById("checkin-form");
  var input = document.getElementById("checkin-code");
  var keys = document.getElementById("checkin-keys");
  var sending = false;
  var idleTimer = null;
  var scan = {text: "", last: 0};

  function $(id) { return document.getElementById(id); }

  /* "https://kantor/b/K7QM-4XPD", "k7qm 4xpd" -> "K7QM4XPD"; the server checks the rest. */
  function codeIn(text) {
    var at = text.lastIndexOf("/b/");
    var tail = at >= 0 ? text.slice(at + 3) : text;
    return tail.replace(/[^0-9A-Za-z]/g, "").toUpperCase();
  }

  function open(text) {
    panel.hidden = false;
    input.value = text || "";
    hideError();
    input.focus();
    keepOpen();
  }

  function close() {
    clearTimeout(idleTimer);
    panel.hidden = true;
    input.value = "";
    hideError();
  }

  function keepOpen() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(close, IDLE_CLOSE_MS);  // a citizen walked away mid-way
  }

  function showError(message) {
    $("checkin-message").textContent = message;
    $("checkin-error").hidden = false;
    input.focus();
    input.select();  // the next scan or typing replaces the refused code
  }

  function hideError() { $("checkin-error").hidden = true; }

  function setSending(busy) {
    sending = busy;
    $("checkin-send").disabled = busy;
    $("busy").hidden = !busy;
  }

  function post(code) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    return fetch(window.AntreanCommon.url("/api/v1/bookings/" + encodeURIComponent(code) + "/check-in"), {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: "{}",
      signal: controller.signal
    }).then(function (response) {
      clearTimeout(timer);
      return response.json().then(function (body) {
        return {ok: response.ok, body: body};
      }, function () { return {ok: false, body: null}; });
    }, function (error) {
      clearTimeout(timer);
      throw error;
    });
  }

  function submit() {
    if (sending) return;  // a double scan, or Enter held down
    var code = codeIn(input.value);
    if (!code) { showError(EMPTY_CODE); return; }
    hideError();
    setSending(true);
    post(code).then(function (answer) {
      setSending(false);
      if (answer.ok && answer.body && answer.body.ticket) {
        close();
        window.AntreanKiosk.showTicket(answer.body.ticket);
      } else {
        showError(answer.body && answer.body.message ? answer.body.message : NETWORK_ERROR);
      }
    }, function () {
      setSending(false);
      showError(NETWORK_ERROR);
    });
  }

  function buildKeys() {
    keys.dataset.alphabet.split("").forEach(function (letter) {
      keys.appendChild(key(letter, "", function () { input.value += letter; }));
    });
    keys.appendChild(key("Hapus", "k-key-wide", function () {
      input.value = input.value.slice(0, -1);
    }));
    keys.appendChild(key("Kosongkan", "k-key-wide", function () { input.value = ""; }));
  }

  function key(label, className, press) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    if (className) button.className = className;
    button.addEventListener("click", function () {
      press();
      hideError();
      keepOpen();
    });
    return button;
  }

  function anotherPanelOpen() {
    return OTHER_PANELS.some(function (id) { return $(id) && !$(id).hidden; });
  }

  /* On the start screen nothing has focus: gather what a scanner types, and on its Enter
   * open the check-in with the scanned text and send it at once. */
  function onStartScreenKey(event) {
    if (!panel.hidden || anotherPanelOpen()) return;
    var now = Date.now();
    if (now - scan.last > SCAN_KEY_GAP_MS) scan.text = "";
    scan.last = now;
    if (event.key === "Enter") {
      var scanned = scan.text;
      scan.text = "";
      if (codeIn(scanned).length >= 8) {
        event.preventDefault();
        open(scanned);
        submit();
      }
    } else if (event.key.length === 1) {
      scan.text += event.key;
    }
  }

  function wire() {
    $("checkin-open").addEventListener("click", function () { open(""); });
    $("checkin-close").addEventListener("click", close);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submit();
    });
    input.addEventListener("input", function () { hideError(); keepOpen(); });
    document.addEventListener("keydown", onStartScreenKey);
  }

  buildKeys();
  wire();
})();
