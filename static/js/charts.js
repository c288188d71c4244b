// Draws every <canvas data-chart> from the table it names (templates/components/chart.html),
// so a chart shows exactly the figures printed beside it. Loaded after Chart.js, deferred.
(function () {
  "use strict";

  function readTable(table) {
    var series = Array.prototype.slice.call(table.tHead.rows[0].cells, 1).map(function (cell) {
      return cell.textContent.trim();
    });
    var labels = [];
    var values = series.map(function () { return []; });
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      labels.push(row.cells[0].textContent.trim());
      series.forEach(function (_name, index) {
        var raw = row.cells[index + 1].getAttribute("data-value");
        values[index].push(raw === "" || raw === null ? null : Number(raw));
      });
    });
    return { labels: labels, series: series, values: values };
  }

  function draw(canvas) {
    if (canvas.getAttribute("data-drawn") === "true" || typeof window.Chart === "undefined") {
      return;
    }
    var table = document.getElementById(canvas.getAttribute("data-chart-table"));
    if (!table) {
      return;
    }
    var figures = readTable(table);
    var percent = (canvas.getAttribute("data-chart-percent") || "").split("|");
    var hasPercent = false;
    var datasets = figures.series.map(function (name, index) {
      var isPercent = percent.indexOf(name) !== -1;
      hasPercent = hasPercent || isPercent;
      return {
        label: name,
        data: figures.values[index],
        type: isPercent ? "line" : undefined,
        yAxisID: isPercent ? "percent" : "y",
        spanGaps: true,
      };
    });
    var scales = { y: { beginAtZero: true, ticks: { precision: 0 } } };
    if (hasPercent) {
      scales.percent = { position: "right", min: 0, max: 100, grid: { drawOnChartArea: false } };
    }
    new window.Chart(canvas, {
      type: canvas.getAttribute("data-chart") || "bar",
      data: { labels: figures.labels, datasets: datasets },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: scales },
    });
    canvas.setAttribute("data-drawn", "true");
  }

  function drawAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("canvas[data-chart]"), draw);
  }

  // A chart's figures sit folded under it on screen; on paper they are printed open, as the
  // picture alone would not say the numbers.
  var foldedForPrint = [];
  window.addEventListener("beforeprint", function () {
    foldedForPrint = Array.prototype.filter.call(
      document.querySelectorAll(".chart-figure details"),
      function (details) { return !details.open; }
    );
    foldedForPrint.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    foldedForPrint.forEach(function (details) { details.open = false; });
    foldedForPrint = [];
  });

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { drawAll(event.target); });
})();
