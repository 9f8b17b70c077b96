/* The portal's site search (publish/site_search.py, site/search_box.py): nothing is fetched until the
   visitor opens the search box; then Pagefind's script, and for each query only the index chunks of its
   words. Vietnamese as people type it: Pagefind folds diacritics and case itself ("dich vu cong" finds
   "Dịch vụ công") but keeps "đ" apart from "d", so each word with a "d" is also looked up with "đ"
   ("duong" finds "Đường") and the results merged, best score first. */
(function () {
  "use strict";
  var box = document.querySelector("[data-cp-search]");
  if (!box) return;
  var texts = JSON.parse(box.getAttribute("data-texts") || "{}");
  var root = new URL(box.getAttribute("data-root") || "./", location.href);
  var openButton = box.querySelector(".cp-search__open");
  var panel = box.querySelector(".cp-search__panel");
  var input = box.querySelector(".cp-search__input");
  var status = box.querySelector(".cp-search__status");
  var list = box.querySelector(".cp-search__results");
  var filtersBox = box.querySelector(".cp-search__filters");
  var engine = null;
  var selects = {};
  var latest = 0;
  var timer = null;
  var MAX_VARIANTS = 8;
  var SHOWN = 10;

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        return Promise.resolve(pagefind.options({ baseUrl: root.pathname, excerptLength: 24 }))
          .then(function () { return pagefind; });
      });
      engine.then(addFilters, function () { status.textContent = texts.failed; });
    }
    return engine;
  }

  function addFilters(pagefind) {
    return pagefind.filters().then(function (filters) {
      [["contest", texts.all_contests], ["unit", texts.all_units]].forEach(function (pair) {
        var values = Object.keys(filters[pair[0]] || {}).sort(function (a, b) { return a.localeCompare(b, "vi"); });
        if (!values.length) return;
        var label = document.createElement("label");
        label.textContent = texts[pair[0]] + " ";
        var select = document.createElement("select");
        select.className = "cp-search__filter";
        [""].concat(values).forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value || pair[1];
          select.appendChild(option);
        });
        select.addEventListener("change", run);
        label.appendChild(select);
        filtersBox.appendChild(label);
        selects[pair[0]] = select;
      });
    });
  }

  /* "Duong Ho Xa" → ["duong ho xa", "đuong ho xa"]: every word with a "d" also with "đ" (at most 8). */
  function variants(query) {
    var words = query.normalize("NFC").toLowerCase().split(/\s+/).filter(Boolean);
    var out = [words];
    words.forEach(function (word, i) {
      if (word.indexOf("d") < 0 || out.length * 2 > MAX_VARIANTS) return;
      out = out.concat(out.map(function (each) {
        var copy = each.slice();
        copy[i] = word.replace(/d/g, "đ");
        return copy;
      }));
    });
    return out.map(function (each) { return each.join(" "); });
  }

  function chosenFilters() {
    var chosen = {};
    Object.keys(selects).forEach(function (name) { if (selects[name].value) chosen[name] = selects[name].value; });
    return chosen;
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) { list.textContent = ""; status.textContent = ""; return; }
    status.textContent = texts.loading;
    load().then(function (pagefind) {
      var filters = chosenFilters();
      return Promise.all(variants(query).map(function (variant) {
        return pagefind.search(variant, { filters: filters });
      }));
    }).then(function (searches) {
      if (ticket !== latest) return;
      var best = {};
      searches.forEach(function (search, rank) {
        (search && search.results || []).forEach(function (result) {
          var known = best[result.id];
          if (!known || result.score > known.score) best[result.id] = { result: result, score: result.score, rank: rank };
        });
      });
      var merged = Object.keys(best).map(function (id) { return best[id]; }).sort(function (a, b) {
        return b.score - a.score || a.rank - b.rank;
      });
      return Promise.all(merged.slice(0, SHOWN).map(function (item) { return item.result.data(); }))
        .then(function (pages) { if (ticket === latest) show(pages, merged.length, query); });
    }).catch(function () { if (ticket === latest) status.textContent = texts.failed; });
  }

  /* Pagefind's excerpt is HTML with <mark> around the matched words: only its text and marks are kept. */
  function excerpt(html) {
    var holder = document.implementation.createHTMLDocument("").createElement("div");
    holder.innerHTML = html;
    var paragraph = document.createElement("p");
    paragraph.className = "cp-search__excerpt";
    holder.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function show(pages, total, query) {
    list.textContent = "";
    list.setAttribute("data-query", query);  /* which query the list answers (for tests and measures) */
    status.textContent = total ? texts.found.replace("{count}", total) : texts.none;
    pages.forEach(function (page) {
      var meta = page.meta || {};
      var item = document.createElement("li");
      item.className = "cp-search__result";
      var link = document.createElement("a");
      link.href = page.url;
      if (meta.image) {
        var image = document.createElement("img");
        /* Pagefind gives the poster's address from the top of the site ("/2024-…/poster.jpg"): under
           a sub-path it is found below the site's own folder */
        var address = meta.image.charAt(0) === "/" ? root.pathname + meta.image.slice(1) : meta.image;
        image.src = new URL(address, new URL(page.url, location.href)).href;
        image.alt = "";
        image.loading = "lazy";
        image.className = "cp-search__thumb";
        link.appendChild(image);
      }
      var title = document.createElement("span");
      title.className = "cp-search__title";
      title.textContent = meta.title || page.url;
      link.appendChild(title);
      item.appendChild(link);
      var facts = [meta.contest, meta.unit].filter(Boolean).join(" · ");
      if (facts) {
        var line = document.createElement("p");
        line.className = "cp-search__facts";
        line.textContent = facts;
        item.appendChild(line);
      }
      item.appendChild(excerpt(page.excerpt || ""));
      list.appendChild(item);
    });
  }

  function setOpen(open) {
    panel.hidden = !open;
    openButton.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) { input.focus(); load(); } else { openButton.focus(); }
  }

  openButton.addEventListener("click", function () { setOpen(panel.hidden); });
  box.querySelector(".cp-search__close").addEventListener("click", function () { setOpen(false); });
  box.querySelector(".cp-search__form").addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 200); });
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") setOpen(false); });
})();
