/* contest-portal: the embeddable views (a gallery's search and unit filter, a card's countdown).
   Small on purpose: the views are shown inside other sites' pages. */
(function () {
  "use strict";

  /* The same folding as the build's search text: no diacritics, "đ" → "d", lower case. */
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function setupGallery() {
    var search = document.querySelector("[data-cpe-search]");
    var unit = document.querySelector("[data-cpe-unit]");
    var count = document.querySelector("[data-cpe-count]");
    var cards = document.querySelectorAll(".cpe-card");
    if (!search) return;
    var template = count ? count.textContent.replace(/\d+/, "{n}") : "";
    function apply() {
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      var wanted = unit ? unit.value : "";
      var shown = 0;
      Array.prototype.forEach.call(cards, function (card) {
        var text = card.dataset.search || "";
        var ok = (!wanted || card.dataset.unit === wanted) &&
          words.every(function (word) { return text.indexOf(word) !== -1; });
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = template.replace("{n}", shown);
    }
    var form = document.querySelector("[data-cpe-filters]");
    if (form) form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    search.addEventListener("input", apply);
    if (unit) unit.addEventListener("change", apply);
  }

  function setupCountdown(element) {
    var deadline = Date.parse(element.dataset.deadline);
    if (isNaN(deadline)) return;
    function fill(text, values) {
      return text.replace(/\{(\w)\}/g, function (_, key) { return values[key]; });
    }
    function tick() {
      var left = Math.floor((deadline - Date.now()) / 1000);
      if (left <= 0) { element.textContent = element.dataset.passed; return; }
      var values = { d: Math.floor(left / 86400), h: Math.floor(left % 86400 / 3600),
                     m: Math.floor(left % 3600 / 60), s: left % 60 };
      element.textContent = fill(values.d > 0 ? element.dataset.days : element.dataset.hours, values);
      setTimeout(tick, 1000);
    }
    tick();
    element.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupGallery();
    Array.prototype.forEach.call(document.querySelectorAll(".cpe-countdown[data-deadline]"), setupCountdown);
  });
})();
