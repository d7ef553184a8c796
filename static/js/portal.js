// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Take keyboard and screen-reader users straight to what went wrong.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
});

// Live character counters for fields with a length limit (data-maxlength). Without
// JavaScript the limit is stated in the hint and checked when the form is saved.
document.addEventListener("DOMContentLoaded", function () {
  var fields = document.querySelectorAll("[data-maxlength]");
  Array.prototype.forEach.call(fields, function (field) {
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    var counter = document.createElement("div");
    counter.className = "char-count";
    counter.id = field.id + "_count";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    var template = document.documentElement.getAttribute("data-count-left") || "%s characters left";
    var over = document.documentElement.getAttribute("data-count-over") || "%s characters too many";
    function update() {
      var left = limit - field.value.length;
      counter.textContent = (left >= 0 ? template : over).replace("%s", Math.abs(left).toLocaleString());
      counter.classList.toggle("char-count--over", left < 0);
    }
    field.addEventListener("input", update);
    update();
  });
});

// Visitors see times in their browser's zone: the zone goes in a cookie for this browser
// session and the page is drawn again once. Without JavaScript times stay in UTC, and the
// footer says so. Signed-in people see the zone of their profile.
(function () {
  var root = document.documentElement;
  var shown = root.getAttribute("data-visitor-zone");
  var zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
  // Zone names are letters, digits and / _ + -: safe in a cookie as they are.
  if (shown === null || !zone || !/^[A-Za-z0-9_\/+\-]+$/.test(zone)) { return; }
  var stored = document.cookie.split("; ").filter(function (c) {
    return c.indexOf("browser_zone=") === 0;
  })[0];
  if (stored && stored.split("=")[1] === zone) { return; }
  document.cookie = "browser_zone=" + zone + "; path=/; SameSite=Lax" +
    (location.protocol === "https:" ? "; Secure" : "");
  if (zone !== shown) { location.reload(); }
})();

// Time-zone pickers (a <select> grouped by region) get a search box below them: typing
// part of a city, region or offset narrows the list; Enter chooses the first zone left.
document.addEventListener("DOMContentLoaded", function () {
  var pickers = document.querySelectorAll("select[data-zone-search]");
  Array.prototype.forEach.call(pickers, function (select) {
    var box = document.createElement("input");
    box.type = "search";
    box.id = select.id + "_search";
    box.className = "zone-search";
    box.setAttribute("autocomplete", "off");
    box.setAttribute("aria-controls", select.id);
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.className = "zone-search-label";
    label.textContent = select.getAttribute("data-zone-search");
    var status = document.createElement("p");
    status.className = "zone-search-status muted";
    status.setAttribute("aria-live", "polite");
    // After the list, so the field's own label and hint stay next to it.
    select.insertAdjacentElement("afterend", label);
    label.insertAdjacentElement("afterend", box);
    box.insertAdjacentElement("afterend", status);
    function matches(option, words) {
      var group = option.parentNode.tagName === "OPTGROUP" ? option.parentNode.label : "";
      var text = (option.value + " " + option.text + " " + group).toLowerCase().replace(/_/g, " ");
      return words.every(function (word) { return text.indexOf(word) !== -1; });
    }
    function typed() {
      return box.value.toLowerCase().replace(/_/g, " ").split(/\s+/).filter(Boolean);
    }
    function narrow() {
      var words = typed();
      var left = 0;
      Array.prototype.forEach.call(select.options, function (option) {
        var match = option.value && words.length && matches(option, words);
        option.hidden = !(match || !option.value || !words.length || option.selected);
        if (match) { left += 1; }
      });
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        group.hidden = !Array.prototype.some.call(group.children, function (o) { return !o.hidden; });
      });
      var template = select.getAttribute(left === 1 ? "data-zone-match" : "data-zone-matches") || "%s";
      status.textContent = words.length ? template.replace("%s", left) : "";
      return words.length;
    }
    box.addEventListener("input", narrow);
    box.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      event.preventDefault();
      if (!narrow()) { return; }
      var first = Array.prototype.filter.call(select.options, function (option) {
        return option.value && !option.hidden && matches(option, typed());
      })[0];
      if (first) { select.value = first.value; select.dispatchEvent(new Event("change")); }
    });
  });
});
