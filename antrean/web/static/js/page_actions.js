// Small page behaviours declared in markup (data-*), so no template needs an inline
// handler or style attribute and the Content-Security-Policy can forbid both.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.matches("[data-select-on-click]")) target.select();
    if (target.closest("[data-print]")) window.print();
    if (target.closest("[data-back]") && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form instanceof Element ? form.getAttribute("data-confirm") : null;
    if (question && !window.confirm(question)) event.preventDefault();
  });
  function applyWidths() {
    document.querySelectorAll("[data-width]").forEach(function (node) {
      node.style.width = node.getAttribute("data-width") + "%";
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", applyWidths);
  else applyWidths();
})();
