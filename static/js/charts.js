/* Draws every chart on the page from its JSON spec (a <script type="application/json">).
   No inline script: the page's Content-Security-Policy allows scripts from this site only. */
(function () {
  "use strict";
  function draw() {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source || !window.Plotly) { return; }
      var spec = JSON.parse(source.textContent);
      window.Plotly.newPlot(el, spec.data, spec.layout, {
        // No mode bar: it injects per-chart inline styles, and it is hard to use by keyboard.
        displayModeBar: false, responsive: true
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
