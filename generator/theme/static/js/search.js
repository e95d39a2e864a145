// Search: the block index written by generator/search/index.py, read on demand, on the search
// page (results while typing) and in an overlay any page opens with "/" or Ctrl-K.
// A query is cut into terms by the rules of generator/search/text.py (change both together);
// each term's file is read from every block and the posts are ranked with counts summed over
// all blocks, so the answer does not depend on how the index was split.
// Ranking: an exact Chinese phrase before its pairs found apart; then the field every query
// word is in (title; a tag the query names; tags, series and categories; headings; body);
// then BM25; then the newer post.
(function () {
  "use strict";
  var script = document.currentScript;
  var page = document.getElementById("search");
  var base = page ? page.getAttribute("data-index") : script && script.getAttribute("data-index");
  if (!base) { return; }
  var searchPage = script && script.getAttribute("data-page");
  // The interface's words in the site's language: theme.js (run first, both are deferred) reads them.
  var say = window.blogSay || function (key, fallback, values) {
    return fallback.replace(/\{(\w+)\}/g, function (whole, name) { return values && name in values ? values[name] : whole; });
  };
  var PAGE = 10;
  var K1 = 1.2;
  var B = 0.75;
  var FORMAT = 2;
  var FIELD_BITS = 3;
  var IN_TITLE = 1, IN_TAXONOMY = 2, IN_HEADING = 4;
  var TAGGED = 2.5;  // a post carrying the tag the query names: after titles, before other tag matches
  var DEBOUNCE = 120;
  var CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af";
  var CJK_RUN = new RegExp("[" + CJK + "]+", "g");
  var CJK_CHAR = new RegExp("[" + CJK + "]");
  var WORD_RUN = /[\p{L}\p{N}]+/gu;
  var FULL_WIDTH = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;
  var summary = null;
  var files = {};

  // Every .bin file is deflated JSON: fewer bytes on a host that does not compress.
  function packed(url) {
    if (!files[url]) {
      files[url] = fetch(url).then(function (response) {
        if (!response.ok) { throw new Error(url + ": " + response.status); }
        return new Response(response.body.pipeThrough(new DecompressionStream("deflate"))).json();
      });
      files[url].catch(function () { delete files[url]; });
    }
    return files[url];
  }

  function load() {
    if (!summary) {
      summary = fetch(base + "index.json", { cache: "no-cache" }).then(function (response) {
        if (!response.ok) { throw new Error("index.json: " + response.status); }
        return response.json();
      }).then(function (index) {
        if (index.format !== FORMAT) { throw new Error("search index format " + index.format); }
        return index;
      });
      summary.catch(function () { summary = null; });
    }
    return summary;
  }

  // On focus, before the first key: the summary and each block's post list, which every query reads.
  function warm() {
    load().then(function (index) {
      index.blocks.forEach(function (block, number) {
        if (block[2]) { packed(base + number + "/docs.bin?v=" + block[0]).catch(function () {}); }
      });
    }).catch(function () {});
  }

  function normalize(text) {
    return text.replace(FULL_WIDTH, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); }).toLowerCase();
  }

  function fold(word) {
    return word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
  }

  function keyOf(text) {
    var chars = Array.from(text);
    return CJK_CHAR.test(chars[0] || "") ? chars[0] : chars.slice(0, 2).join("");
  }

  // The query's terms: CJK pairs (exact), a lone CJK character and other words (prefixes),
  // what to mark in the excerpts, and which terms are the pairs of a phrase of 3+ characters.
  function queryTerms(query) {
    var text = normalize(query);
    var terms = [];
    var seen = {};
    var marks = [];
    var phrases = [];
    function add(term, prefix, key) {
      var id = (prefix ? "^" : "=") + term;
      if (!(id in seen)) { seen[id] = terms.length; terms.push({ term: term, prefix: prefix, key: key }); }
      return seen[id];
    }
    (text.match(CJK_RUN) || []).forEach(function (run) {
      marks.push(run);
      if (run.length === 1) { add(run, true, run); }
      var pairs = [];
      for (var i = 0; i + 1 < run.length; i++) { pairs.push(add(run.slice(i, i + 2), false, run[i])); }
      if (run.length >= 3) { phrases.push(pairs); }
    });
    (text.match(WORD_RUN) || []).forEach(function (run) {
      run.split(CJK_RUN).forEach(function (word) {
        if (!word || CJK_CHAR.test(word) || Array.from(word).length > 40) { return; }
        var folded = fold(word);
        marks.push(folded);
        add(folded, true, Array.from(folded).slice(0, 2).join(""));
      });
    });
    return { terms: terms, marks: marks, phrases: phrases, whole: text.split(/\s+/).filter(Boolean).join(" ") };
  }

  function bucketOf(key, buckets) {
    var hash = 0x811c9dc5;
    for (var ch of key) {
      hash ^= ch.codePointAt(0);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % buckets;
  }

  // Posts of one block that hold a term: how often (a prefix sums its longer words) and the
  // fields and chunks it is in.
  function matches(bucket, term) {
    var found = {};
    function take(entries) {
      for (var i = 0; i < entries.length; i += 3) {
        var hit = found[entries[i]] || (found[entries[i]] = { tf: 0, flags: 0 });
        hit.tf += entries[i + 1];
        hit.flags |= entries[i + 2];
      }
    }
    if (!term.prefix) {
      if (Object.prototype.hasOwnProperty.call(bucket, term.term)) { take(bucket[term.term]); }
    } else {
      Object.keys(bucket).forEach(function (word) { if (word.charAt(0) !== "#" && word.startsWith(term.term)) { take(bucket[word]); } });
    }
    return found;
  }

  // The tags, series and categories the whole query names, as the index lists them.
  function namedTaxa(index, whole) {
    return (index.taxa || []).filter(function (taxon) {
      return normalize(taxon[1]).split(/\s+/).filter(Boolean).join(" ") === whole;
    });
  }

  function tierOf(hits) {
    var all = hits.reduce(function (bits, hit) { return bits & hit.flags; }, 7);
    return all & IN_TITLE ? 3 : all & IN_TAXONOMY ? 2 : all & IN_HEADING ? 1 : 0;
  }

  // A phrase's pairs all in one chunk of the text (or all in the title, the tags, the headings):
  // pairs found apart in a long post are not the phrase.
  function phraseKept(phrases, hits) {
    return phrases.every(function (pairs) {
      var together = pairs.reduce(function (bits, t) { return bits & hits[t].flags; }, -1);
      return (together >> FIELD_BITS) !== 0 || (together & 7) !== 0;
    });
  }

  // The chunk of the text to show: the first that holds every word, else the first that holds one.
  function chunkOf(hits) {
    var every = hits.reduce(function (bits, hit) { return bits & (hit.flags >> FIELD_BITS); }, -1);
    var any = hits.reduce(function (bits, hit) { return bits | (hit.flags >> FIELD_BITS); }, 0);
    var mask = every || any;
    return mask ? Math.log2(mask & -mask) : 0;
  }

  function search(index, query) {
    var parsed = queryTerms(query);
    if (!parsed.terms.length) { return Promise.resolve({ results: [], marks: [], taxa: [] }); }
    var taxa = namedTaxa(index, parsed.whole);
    var tagTerm = taxa.length ? "#" + parsed.whole : null;
    var wanted = [];
    index.blocks.forEach(function (block, number) {
      if (!block[2]) { return; }
      var folder = base + number + "/";
      var version = ".bin?v=" + block[0];
      wanted.push(packed(folder + "docs" + version));
      parsed.terms.forEach(function (term) {
        wanted.push(packed(folder + bucketOf(term.key, index.buckets) + version));
      });
      if (tagTerm) { wanted.push(packed(folder + bucketOf(keyOf(parsed.whole), index.buckets) + version)); }
    });
    return Promise.all(wanted).then(function (loaded) {
      var perBlock = [];
      var at = 0;
      index.blocks.forEach(function (block) {
        if (!block[2]) { return; }
        var docs = loaded[at++];
        var found = parsed.terms.map(function (term) { return matches(loaded[at++], term); });
        var tagged = tagTerm ? matches(loaded[at++], { term: tagTerm, prefix: false }) : {};
        perBlock.push({ docs: docs, found: found, tagged: tagged });
      });
      var total = index.docs;
      var average = index.tokens / Math.max(total, 1);
      var idf = parsed.terms.map(function (_, t) {
        var df = 0;
        perBlock.forEach(function (block) { df += Object.keys(block.found[t]).length; });
        return df ? Math.log(1 + (total - df + 0.5) / (df + 0.5)) : -1;
      });
      if (idf.some(function (value) { return value < 0; })) { return { results: [], marks: parsed.marks, taxa: taxa }; }
      var results = [];
      perBlock.forEach(function (block) {
        Object.keys(block.found[0]).forEach(function (position) {
          var doc = block.docs[position];
          var hits = [];
          var score = 0;
          for (var t = 0; t < parsed.terms.length; t++) {
            var hit = block.found[t][position];
            if (!hit) { return; }
            hits.push(hit);
            score += idf[t] * hit.tf * (K1 + 1) / (hit.tf + K1 * (1 - B + B * doc[1] / average));
          }
          results.push({
            id: doc[0],
            date: doc[2],
            phrase: phraseKept(parsed.phrases, hits) ? 1 : 0,
            tier: Math.max(tierOf(hits), block.tagged[position] ? TAGGED : 0),
            score: score,
            chunk: chunkOf(hits),
          });
        });
      });
      results.sort(function (a, b) {
        return b.phrase - a.phrase || b.tier - a.tier || b.score - a.score || b.date - a.date ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      });
      return { results: results, marks: parsed.marks, taxa: taxa };
    });
  }

  // Every result of a query, best first (bench/search_answers.py reads recall through it).
  window.blogSearch = function (query) { return load().then(function (index) { return search(index, query); }); };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  // A window of the chunk around its first hit, every hit in it marked.
  function excerpt(data, marks) {
    var p = el("p");
    var text = data.text || "";
    var low = normalize(text);
    if (low.length !== text.length) { low = text.toLowerCase(); }
    var first = -1;
    marks.forEach(function (mark) {
      var at = low.indexOf(mark);
      if (at >= 0 && (first < 0 || at < first)) { first = at; }
    });
    var start = Math.max(0, first - 40);
    var end = Math.min(text.length, Math.max(first, 0) + 120);
    var spans = [];
    marks.forEach(function (mark) {
      for (var at = low.indexOf(mark, start); at >= 0 && at < end; at = low.indexOf(mark, at + mark.length)) {
        spans.push([at, Math.min(end, at + mark.length)]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var cursor = start;
    if (start > 0 || data.at > 0) { p.appendChild(document.createTextNode("…")); }
    spans.forEach(function (span) {
      if (span[0] < cursor) { return; }
      p.appendChild(document.createTextNode(text.slice(cursor, span[0])));
      p.appendChild(el("mark", "", text.slice(span[0], span[1])));
      cursor = span[1];
    });
    var more = end < text.length || (data.at || 0) + text.length < (data.end || 0);
    p.appendChild(document.createTextNode(text.slice(cursor, end) + (more ? "…" : "")));
    return p;
  }

  function render(data, marks) {
    var item = el("li");
    var heading = el("h2");
    var link = el("a", "", data.title || data.url);
    link.href = data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    if (data.date) { item.appendChild(el("p", "meta", data.date)); }
    item.appendChild(excerpt(data, marks));
    return item;
  }

  var LABELS = { tag: ["search_tag", "标签：{name} ({n})"], series: ["search_series", "系列：{name} ({n})"],
    category: ["search_category", "分类：{name} ({n})"] };

  // One search box with its status line and result list: the search page's, or the overlay's.
  // On the search page Enter searches in place; in the overlay it opens the search page.
  function Box(form, input, status, list, onQuery, inPlace) {
    var current = 0;
    var timer = 0;

    function showPage(found, from, id) {
      var slice = found.results.slice(from, from + PAGE);
      return Promise.all(slice.map(function (r) { return packed(base + "f/" + r.id + "-" + r.chunk + ".bin"); })).then(function (items) {
        if (id !== current) { return; }
        var more = list.querySelector(".more");
        if (more) { more.remove(); }
        items.forEach(function (data) { list.appendChild(render(data, found.marks)); });
        if (from + PAGE < found.results.length) {
          var li = el("li", "more");
          var button = el("button", "search-more", say("search_more", "显示更多结果"));
          button.type = "button";
          button.addEventListener("click", function () { showPage(found, from + PAGE, id); });
          li.appendChild(button);
          list.appendChild(li);
        }
      });
    }

    function jumps(taxa) {
      taxa.forEach(function (taxon) {
        var label = LABELS[taxon[0]] || LABELS.tag;
        var item = el("li", "search-taxon");
        var link = el("a", "", say(label[0], label[1], { name: taxon[1], n: String(taxon[3]) }));
        link.href = taxon[2];
        item.appendChild(link);
        list.appendChild(item);
      });
    }

    function run(query) {
      var id = ++current;
      query = query.trim();
      if (onQuery) { onQuery(query); }
      if (!query) {
        list.replaceChildren();
        status.textContent = "";
        return;
      }
      status.textContent = say("searching", "正在搜索……");
      load().then(function (index) {
        return search(index, query);
      }).then(function (found) {
        if (id !== current) { return; }
        list.replaceChildren();
        jumps(found.taxa);
        var n = found.results.length;
        status.textContent = n ? say("search_found", "找到 {n} 篇相关文章", { n: String(n) })
          : say("search_nothing", "没有找到和“{query}”相关的文章，换个词试试。", { query: query });
        return showPage(found, 0, id);
      }).catch(function () {
        if (id === current) { status.textContent = say("search_failed", "搜索索引没有加载成功。请稍后再试，或按标签浏览。"); }
      });
    }

    // Arrow keys walk from the box through the results' links; Enter follows one.
    function stops() {
      return [input].concat(Array.prototype.slice.call(list.querySelectorAll("a, button")));
    }
    function step(event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") { return; }
      var all = stops();
      var at = all.indexOf(document.activeElement);
      if (at < 0) { return; }
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0 || next >= all.length) { return; }
      event.preventDefault();
      all[next].focus();
    }
    input.addEventListener("keydown", step);
    list.addEventListener("keydown", step);
    form.addEventListener("submit", function (event) {
      if (!inPlace && form.getAttribute("action")) { return; }
      event.preventDefault();
      clearTimeout(timer);
      run(input.value);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, DEBOUNCE);
    });
    input.addEventListener("focus", function () { warm(); }, { once: true });
    return { run: run };
  }

  if (page) {
    var pageInput = page.querySelector("input[type=search]");
    var pageBox = Box(page.querySelector("form"), pageInput, document.getElementById("search-status"),
      document.getElementById("search-results"), function (query) {
        var url = new URL(window.location.href);
        if (query) { url.searchParams.set("q", query); } else { url.searchParams.delete("q"); }
        history.replaceState(null, "", url);
      }, true);
    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) {
      pageInput.value = initial;
      pageBox.run(initial);
    } else {
      pageInput.focus();
    }
  }

  // The overlay: built on first use, so a page that never searches carries none of it.
  var dialog = null;
  var overlayInput = null;
  var overlayBox = null;
  var allLink = null;
  function overlay() {
    if (dialog) { return dialog; }
    dialog = window.blogSearchShell();  // theme.js made the box (maybe already open, typed into)
    var form = dialog.querySelector("form");
    overlayInput = dialog.querySelector("input");
    var status = el("p", "search-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var list = el("ol", "search-results");
    list.setAttribute("aria-label", say("search_results_label", "搜索结果"));
    allLink = el("a", "search-all", say("search_all", "在搜索页打开"));
    allLink.hidden = true;
    dialog.append(status, list, allLink);
    overlayBox = Box(form, overlayInput, status, list, function (query) {
      allLink.hidden = !query || !searchPage;
      if (searchPage) { allLink.href = searchPage + "?q=" + encodeURIComponent(query); }
    });
    return dialog;
  }

  function open() {
    var box = overlay();
    if (!box.open) { box.showModal(); }
    overlayInput.focus();
    overlayInput.select();
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", function (event) {
    var slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target);
    var chord = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey) && !event.altKey;
    if (!slash && !chord) { return; }
    if (page) {  // the search page's own box is the one to use
      event.preventDefault();
      page.querySelector("input[type=search]").focus();
      return;
    }
    if (dialog && dialog.open && !chord) { return; }
    event.preventDefault();
    open();
  });

  // theme.js fetched this script because the reader opened search: fill that box, and search
  // what they typed while it arrived.
  window.blogSearchOpen = open;
  var waiting = !page && window.blogSearchShell && document.querySelector("dialog.search-dialog");
  if (waiting) {
    overlay();
    if (overlayInput.value) { overlayInput.dispatchEvent(new Event("input")); }
  }
})();
