// Progressive enhancement of "Download my data": while the copy is being prepared, ask
// how far it is every two seconds and show it. Without this file the page has a
// "Refresh this page" link instead.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("[data-export-polling]");
  if (!box || !window.fetch) { return; }
  var bar = box.querySelector("progress");
  var label = box.querySelector("[data-export-label]");
  var download = box.querySelector("[data-export-download]");
  var refresh = box.querySelector("[data-export-refresh]");
  function poll() {
    fetch(box.getAttribute("data-export-status"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        bar.value = state.progress;
        bar.textContent = state.progress + "%";
        if (label.textContent !== state.label) { label.textContent = state.label; }
        if (state.under_way) { window.setTimeout(poll, 2000); return; }
        if (refresh) { refresh.hidden = true; }
        if (state.download_url) {
          download.querySelector("a").setAttribute("href", state.download_url);
          download.hidden = false;
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  poll();
});
