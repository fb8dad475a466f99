// The admin's accessibility fixes (issue 16), a static file (the admin runs under the portal's
// Content-Security-Policy). Django's two-list picker (SelectFilter2.js) draws its search icon
// as a <span aria-label>, which ARIA does not allow on an element with no role: it is an image.
window.addEventListener("load", function () {
  // After SelectFilter2's own "load" handler has drawn the pickers.
  window.setTimeout(function () {
    document.querySelectorAll(".search-label-icon[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }, 0);
});
