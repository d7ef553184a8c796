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
