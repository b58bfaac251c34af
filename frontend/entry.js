// Only what the app draws: plotly.js core plus the polar scatter trace.
var Plotly = require("plotly.js/lib/core");
Plotly.register([require("plotly.js/lib/scatterpolar")]);
module.exports = Plotly;
