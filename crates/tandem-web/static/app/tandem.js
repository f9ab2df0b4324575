// Starts the design system's components (mobile menu, dropdowns, tooltips…).
// Loaded as an external file: the Content-Security-Policy forbids inline scripts.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS) {
    window.DKFDS.init();
  }
});
