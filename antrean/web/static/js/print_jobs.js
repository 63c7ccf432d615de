// Reprint buttons on /admin/cetak: a CSP-safe static file (no inline script).
(function () {
  var table = document.getElementById("print-jobs");
  var message = document.getElementById("print-message");
  table.addEventListener("click", function (event) {
    var button = event.target.closest("button.reprint");
    if (!button) return;
    button.disabled = true;
    fetch(window.AntreanCommon.url("/api/v1/tickets/" + encodeURIComponent(button.dataset.ticket) + "/reprint"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": table.dataset.csrf }, body: "{}"
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      message.hidden = false;
      message.className = result.ok ? "success" : "error";
      message.textContent = result.ok ? "Tiket " + result.data.number + " dikirim ulang ke printer." : result.data.message;
      button.disabled = false;
    }, function () {
      message.hidden = false; message.className = "error";
      message.textContent = "Server tidak dapat dihubungi.";
      button.disabled = false;
    });
  });
})();
