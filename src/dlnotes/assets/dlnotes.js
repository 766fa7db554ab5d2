/* dlnotes: build, filter and sort the Links table, with no library and no CDN.
 * Material's instant navigation swaps pages without a reload, so setup runs on each page
 * through its `document$` observable when present, else once on load. */
(function () {
  "use strict";

  function text(cell) {
    return (cell.textContent || "").trim().toLowerCase();
  }

  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, function (c) { return ESCAPES[c]; });
  }

  /* The rows come as JSON beside the table (see dlnotes.pages.links.links_table_data): text
   * fields are escaped here, HTML fragments come from `parts`. One innerHTML for all rows is
   * far faster than a DOM call per cell. */
  function fillRows(table) {
    var source = document.getElementById(table.getAttribute("data-dl-rows"));
    var body = table.tBodies[0];
    if (!source || table.dataset.dlFilled) return;
    table.dataset.dlFilled = "1";
    var data = JSON.parse(source.textContent);
    var parts = data.parts;
    function part(i) { return parts[i]; }
    var html = data.rows.map(function (r) {
      return '<tr data-status="' + escapeHtml(r[0]) + '">' +
        "<td>" + parts[r[1]] + '<a href="' + escapeHtml(r[2]) + '">' + escapeHtml(r[3]) + "</a></td>" +
        "<td>" + escapeHtml(r[4]) + "</td>" +
        "<td>" + parts[r[5]] + "</td>" +
        "<td>" + r[6].map(part).join("<br>") + "</td>" +
        "<td>" + r[7].map(part).join(" ") + "</td>" +
        "<td>" + parts[r[8]] + "</td>" +
        "<td>" + escapeHtml(r[9]) + "</td></tr>";
    });
    body.innerHTML = html.join("");
  }

  function setupFilter(input) {
    var table = document.getElementById(input.getAttribute("data-dl-filter"));
    if (!table || input.dataset.dlReady) return;
    input.dataset.dlReady = "1";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = input.parentNode.querySelector(".dl-filter-count");
    var haystacks = rows.map(function (row) { return text(row); });
    function apply() {
      var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (w) { return haystacks[i].indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (count) {
        count.textContent = words.length ? shown + " of " + rows.length + " links" : "";
      }
    }
    input.addEventListener("input", apply);
    apply();
  }

  function setupSort(table) {
    if (table.dataset.dlReady) return;
    table.dataset.dlReady = "1";
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      th.tabIndex = 0;
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
        rows.sort(function (a, b) {
          var order = collator.compare(text(a.cells[column]), text(b.cells[column]));
          return ascending ? order : -order;
        });
        var fragment = document.createDocumentFragment();
        rows.forEach(function (row) { fragment.appendChild(row); });
        body.appendChild(fragment);
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }

  function setup() {
    document.querySelectorAll("table[data-dl-rows]").forEach(fillRows);
    document.querySelectorAll("input[data-dl-filter]").forEach(setupFilter);
    document.querySelectorAll("table[data-dl-sortable]").forEach(setupSort);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
