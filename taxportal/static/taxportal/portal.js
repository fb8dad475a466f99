// The portal's one script, a static file: the portal is moving to a strict
// Content-Security-Policy, so no page carries inline script or event handlers.
document.addEventListener("DOMContentLoaded", function () {
  // Forms in the GOV.UK manner: after a failed submit the error summary takes the focus, so a
  // screen reader reads what went wrong first and a keyboard user starts from its links.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
  // <button data-print>: prints the page (letters and notices).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
});
