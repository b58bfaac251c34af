// Draws every element with a data-chart attribute (a Plotly figure as JSON)
// and wires the print button. Kept out of the HTML so no inline script is needed.
(function () {
  "use strict";
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var fig = JSON.parse(el.dataset.chart);
    window.Plotly.newPlot(el, fig.data, fig.layout, {responsive: true, displaylogo: false});
  });
  document.querySelectorAll(".print-button").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
