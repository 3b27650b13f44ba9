// /docs: Swagger UI from the packaged files, started from this file (the CSP allows no inline
// script), reading this server's own /openapi.json.
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  window.ui = window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null, // never ask a third-party validator
  });
});
