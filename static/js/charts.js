// Draws every element with a data-chart attribute (a Plotly figure as JSON)
// and wires the print button. Kept out of the HTML so no inline script is needed.
(function () {
  "use strict";
  var charts = [];
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var fig = JSON.parse(el.dataset.chart);
    window.Plotly.newPlot(el, fig.data, fig.layout, {responsive: true, displayModeBar: false});
    charts.push({el: el, height: fig.layout.height});
  });

  // Plotly sizes charts in pixels for the screen; a printed page is narrower.
  function fit(printing) {
    charts.forEach(function (chart) {
      window.Plotly.relayout(chart.el, printing
        ? {width: 330, height: 290, autosize: false}
        : {width: null, height: chart.height, autosize: true});
    });
  }
  var print = window.matchMedia("print");
  print.addEventListener("change", function (event) { fit(event.matches); });
  window.addEventListener("beforeprint", function () { fit(true); });
  window.addEventListener("afterprint", function () { fit(false); });

  document.querySelectorAll(".print-button").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
