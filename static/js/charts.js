// Draws every element with a data-chart attribute (a Plotly figure as JSON)
// and wires the print button. Kept out of the HTML so no inline script is needed.
(function () {
  "use strict";
  var PHONE = 480;  // below this width the radar takes the room its margins had
  var charts = [];

  // Trace names are escaped for Plotly's labels; a checkbox shows them as typed.
  function plain(name) {
    return new DOMParser().parseFromString(name, "text/html").documentElement.textContent;
  }

  function margins(el) {
    return el.clientWidth < PHONE
      ? {l: 44, r: 44, t: 56, b: 16}
      : {l: 60, r: 60, t: 60, b: 40};
  }

  // On a phone the quadrant names sit beside the circle's corners on two lines
  // ("D:" over "imaginative"), so a 300 px circle leaves them room.
  function narrow(fig) {
    fig.data.forEach(function (trace) {
      trace.theta = trace.theta.map(function (name) {
        return name.replace(/(: |：)/, "$1<br>");
      });
    });
    fig.layout.polar.angularaxis.tickfont = {size: 11};
  }

  // One checkbox per trace, below the chart and outside its role="img": the
  // keyboard reaches them, screen readers read them, and a phone's radar keeps
  // the room a Plotly legend would take.
  function toggles(el, data) {
    var box = document.createElement("fieldset");
    box.className = "chart-toggles no-print";
    var legend = document.createElement("legend");
    legend.textContent = el.dataset.toggles;
    box.appendChild(legend);
    data.forEach(function (trace, index) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "checkbox";
      input.checked = trace.visible !== "legendonly";
      input.addEventListener("change", function () {
        window.Plotly.restyle(el, {visible: input.checked ? true : "legendonly"}, [index]);
      });
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.setAttribute("aria-hidden", "true");
      swatch.style.borderTopColor = trace.line.color;
      if (trace.line.dash !== "solid") swatch.style.borderTopStyle = "dashed";
      label.appendChild(input);
      label.appendChild(swatch);
      label.appendChild(document.createTextNode(plain(trace.name)));
      box.appendChild(label);
    });
    el.insertAdjacentElement("afterend", box);
  }

  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var fig = JSON.parse(el.dataset.chart);
    var several = fig.data.length > 1;
    fig.layout.margin = margins(el);
    if (el.clientWidth < PHONE) narrow(fig);
    fig.layout.showlegend = false;  // one trace is named by the page; several, by the checkboxes
    window.Plotly.newPlot(el, fig.data, fig.layout, {responsive: true, displayModeBar: false});
    if (several) toggles(el, fig.data);
    charts.push({el: el, height: fig.layout.height, several: several});
  });

  // Plotly sizes charts in pixels for the screen; a printed page is narrower, and
  // paper has no checkboxes: there the legend names the traces.
  function fit(printing) {
    charts.forEach(function (chart) {
      window.Plotly.relayout(chart.el, printing
        ? {width: 330, height: 290, autosize: false, showlegend: chart.several}
        : {width: null, height: chart.height, autosize: true, margin: margins(chart.el),
           showlegend: false});
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
