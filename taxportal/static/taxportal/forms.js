// Forms in the GOV.UK manner: after a failed submit the error summary takes the focus, so a
// screen reader reads what went wrong first and a keyboard user starts from its links.
// A static file (no inline script): the portal runs under a strict Content-Security-Policy.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});
