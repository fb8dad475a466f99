// Starts Swagger UI on the API page from a static file (no inline script: works under a strict
// Content-Security-Policy). Requests made with "Try it out" use the portal session, so unsafe
// methods carry the CSRF token from the cookie.
(function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  if (!node || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  window.SwaggerUIBundle({
    url: node.getAttribute("data-schema-url"),
    domNode: node,
    deepLinking: false,
    withCredentials: true,
    requestInterceptor: function (request) {
      if (!/^(GET|HEAD|OPTIONS)$/i.test(request.method || "GET")) {
        request.headers["X-CSRFToken"] = csrfToken();
      }
      return request;
    },
  });
})();
