/* global document, EventSource, window */
// The live tail of the events list: new rows on top while the operator looks at the first page,
// else a "N new" link, so the place in the list is never lost. Works without it: the list is a page.
(function () {
  var source = null;
  function start() {
    if (source) source.close();
    source = null;
    var rows = document.getElementById("event-rows");
    if (!rows || !window.EventSource) return;
    var first = rows.getAttribute("data-first") === "1";
    var news = document.getElementById("live-news");
    var label = rows.getAttribute("data-new-text") || "";
    var count = 0;
    source = new EventSource(rows.getAttribute("data-live"));
    source.addEventListener("row", function (message) {
      if (first) {
        var body = document.createElement("tbody");
        body.innerHTML = message.data;
        var row = body.firstElementChild;
        if (row && !document.querySelector('tr[data-id="' + row.getAttribute("data-id") + '"]'))
          rows.insertBefore(row, rows.firstChild);
        return;
      }
      count += 1;
      if (news) {
        news.hidden = false;
        news.firstElementChild.textContent = label.replace("0", String(count));
      }
    });
  }
  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("htmx:afterSettle", start);
  window.addEventListener("pagehide", function () {
    if (source) source.close();
  });
})();
