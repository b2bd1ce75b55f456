/* Fast entry of paper forms: Ctrl+Enter anywhere in the form, or Enter in its last field,
   saves the form (htmx then swaps in the next one). The page works without this file. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing || !event.target.closest) return;
    var form = event.target.closest("form[data-fast-entry]");
    if (!form) return;
    if (event.ctrlKey || event.metaKey || event.target.hasAttribute("data-enter-submits")) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
