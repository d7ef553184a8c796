// The panel beside a draft ("someone may have solved this before"): as the person types,
// it asks the library what is close to the words on the page, at most once per pause.
// Without JavaScript the panel's own button saves the draft and shows it again.
(function () {
  "use strict";
  var panel = document.querySelector("[data-similar-endpoint]");
  var form = document.getElementById("drafting-form");
  if (!panel || !form || !window.fetch) {
    return;
  }
  var results = panel.querySelector("#similar-results");
  var timer = null;
  var last = "";
  var PAUSE_MS = 600;
  var MAX_CHARS = 1500;

  function typed() {
    var fields = form.querySelectorAll("textarea, input[type=text]");
    return Array.prototype.map.call(fields, function (field) { return field.value; })
      .join(" ").slice(0, MAX_CHARS);
  }

  function refresh() {
    var words = typed();
    if (words === last) {
      return;
    }
    last = words;
    var url = panel.getAttribute("data-similar-endpoint") + "&format=html&text=" +
      encodeURIComponent(words);
    fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) { results.innerHTML = html; } })
      .catch(function () { /* the panel keeps what it showed */ });
  }

  form.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, PAUSE_MS);
  });
})();
