// Draws every <figure class="chart"> of an admin page with uPlot, from the points the server put in its data-lines
// attribute (JSON: [{name, points: [[unixSeconds, value], ...]}, ...]). The server's inline SVG stays if this fails.
(function () {
  "use strict";
  var COLORS = ["#3056d3", "#d36a30", "#2e9e5b", "#8a3fd1"];

  function columns(lines) {
    var times = {};
    lines.forEach(function (line) { line.points.forEach(function (p) { times[p[0]] = true; }); });
    var xs = Object.keys(times).map(Number).sort(function (a, b) { return a - b; });
    var data = [xs];
    lines.forEach(function (line) {
      var byTime = {};
      line.points.forEach(function (p) { byTime[p[0]] = p[1]; });
      data.push(xs.map(function (x) { return x in byTime ? byTime[x] : null; }));
    });
    return data;
  }

  function draw(figure) {
    var lines = JSON.parse(figure.dataset.lines);
    var unit = figure.dataset.unit;
    var opts = {
      width: 260,
      height: 110,
      legend: { show: lines.length > 1 },
      scales: { x: { time: true, range: [Number(figure.dataset.from), Number(figure.dataset.to)] },
                y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; } } },
      axes: [{ size: 30 }, { size: 45, label: unit, labelSize: 14 }],
      series: [{}].concat(lines.map(function (line, i) {
        return { label: line.name, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true };
      }))
    };
    var chart = new uPlot(opts, columns(lines), figure);
    chart.root.setAttribute("aria-label", figure.dataset.label);
    var fallback = figure.querySelector("svg");
    if (fallback) {
      fallback.remove();
    }
    figure.classList.add("drawn");
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof uPlot !== "function") {
      return;
    }
    document.querySelectorAll("figure.chart").forEach(function (figure) {
      try {
        draw(figure);
      } catch (e) {
        console.error("chart " + figure.dataset.label + " not drawn", e);
      }
    });
  });
})();
