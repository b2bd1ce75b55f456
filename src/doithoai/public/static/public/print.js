// The receipt's print button: shown only where scripts run (otherwise the page says how to
// print with the browser's own menu).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
