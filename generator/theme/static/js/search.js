// The search page: the block index written by generator/search.py, read on demand.
// A query is cut into terms by the rules of generator/search_text.py (change both together);
// each term's file is read from every block and the posts are ranked by BM25 with counts
// summed over all blocks, so the answer does not depend on how the index was split.
// Reads ?q= so the header's search box (a plain GET form) lands here with its words.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) { return; }
  // The interface's words in the site's language: theme.js (run first, both are deferred) reads them.
  var say = window.blogSay || function (key, fallback, values) {
    return fallback.replace(/\{(\w+)\}/g, function (whole, name) { return values && name in values ? values[name] : whole; });
  };
  var form = root.querySelector("form");
  var input = root.querySelector("input[type=search]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var base = root.getAttribute("data-index");
  var PAGE = 10;
  var K1 = 1.2;
  var B = 0.75;
  var FORMAT = 1;
  var CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af";
  var CJK_RUN = new RegExp("[" + CJK + "]+", "g");
  var CJK_CHAR = new RegExp("[" + CJK + "]");
  var WORD_RUN = /[\p{L}\p{N}]+/gu;
  var FULL_WIDTH = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;
  var summary = null;
  var files = {};
  var current = 0;
  var timer = 0;

  function json(url, fresh) {
    if (!files[url]) {
      files[url] = fetch(url, fresh ? { cache: "no-cache" } : {}).then(function (response) {
        if (!response.ok) { throw new Error(url + ": " + response.status); }
        return response.json();
      });
      files[url].catch(function () { delete files[url]; });
    }
    return files[url];
  }

  function load() {
    if (!summary) {
      summary = json(base + "index.json", true).then(function (index) {
        if (index.format !== FORMAT) { throw new Error("search index format " + index.format); }
        return index;
      });
      summary.catch(function () { summary = null; });
    }
    return summary;
  }

  function normalize(text) {
    return text.replace(FULL_WIDTH, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); }).toLowerCase();
  }

  function fold(word) {
    return word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
  }

  // The query's terms: CJK pairs (exact), a lone CJK character and other words (prefixes),
  // with what to mark in the excerpts.
  function queryTerms(query) {
    var text = normalize(query);
    var terms = [];
    var seen = {};
    var marks = [];
    function add(term, prefix, key) {
      var id = (prefix ? "^" : "=") + term;
      if (!seen[id]) { seen[id] = true; terms.push({ term: term, prefix: prefix, key: key }); }
    }
    (text.match(CJK_RUN) || []).forEach(function (run) {
      marks.push(run);
      if (run.length === 1) { add(run, true, run); }
      for (var i = 0; i + 1 < run.length; i++) { add(run.slice(i, i + 2), false, run[i]); }
    });
    (text.match(WORD_RUN) || []).forEach(function (run) {
      run.split(CJK_RUN).forEach(function (word) {
        if (!word || CJK_CHAR.test(word) || Array.from(word).length > 40) { return; }
        var folded = fold(word);
        marks.push(folded);
        add(folded, true, Array.from(folded).slice(0, 2).join(""));
      });
    });
    return { terms: terms, marks: marks };
  }

  function bucketOf(key, buckets) {
    var hash = 0x811c9dc5;
    for (var ch of key) {
      hash ^= ch.codePointAt(0);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % buckets;
  }

  // Posts of one block that hold a term, with how often: a prefix sums its longer words.
  function matches(bucket, term) {
    var found = {};
    function take(entries) {
      for (var i = 0; i < entries.length; i += 2) { found[entries[i]] = (found[entries[i]] || 0) + entries[i + 1]; }
    }
    if (!term.prefix) {
      if (Object.prototype.hasOwnProperty.call(bucket, term.term)) { take(bucket[term.term]); }
    } else {
      Object.keys(bucket).forEach(function (word) { if (word.startsWith(term.term)) { take(bucket[word]); } });
    }
    return found;
  }

  function search(index, query) {
    var parsed = queryTerms(query);
    if (!parsed.terms.length) { return Promise.resolve({ results: [], marks: [] }); }
    var blocks = index.blocks;
    var wanted = [];
    blocks.forEach(function (block, number) {
      if (!block[2]) { return; }
      var folder = base + number + "/";
      var version = "?v=" + block[0];
      wanted.push(json(folder + "docs.json" + version));
      parsed.terms.forEach(function (term) {
        wanted.push(json(folder + bucketOf(term.key, index.buckets) + ".json" + version));
      });
    });
    return Promise.all(wanted).then(function (loaded) {
      var perBlock = [];
      var at = 0;
      blocks.forEach(function (block) {
        if (!block[2]) { return; }
        var docs = loaded[at++];
        var found = parsed.terms.map(function (term) { return matches(loaded[at++], term); });
        perBlock.push({ docs: docs, found: found });
      });
      var total = index.docs;
      var average = index.tokens / Math.max(total, 1);
      var idf = parsed.terms.map(function (_, t) {
        var df = 0;
        perBlock.forEach(function (block) { df += Object.keys(block.found[t]).length; });
        return df ? Math.log(1 + (total - df + 0.5) / (df + 0.5)) : -1;
      });
      if (idf.some(function (value) { return value < 0; })) { return { results: [], marks: parsed.marks }; }
      var results = [];
      perBlock.forEach(function (block) {
        Object.keys(block.found[0]).forEach(function (position) {
          var score = 0;
          var doc = block.docs[position];
          for (var t = 0; t < parsed.terms.length; t++) {
            var tf = block.found[t][position];
            if (!tf) { return; }
            score += idf[t] * tf * (K1 + 1) / (tf + K1 * (1 - B + B * doc[1] / average));
          }
          results.push({ id: doc[0], score: score });
        });
      });
      results.sort(function (a, b) { return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); });
      return { results: results, marks: parsed.marks };
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  // A window of the post's text around the first hit, every hit in it marked.
  function excerpt(text, marks) {
    var p = el("p");
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
    if (start > 0) { p.appendChild(document.createTextNode("…")); }
    spans.forEach(function (span) {
      if (span[0] < cursor) { return; }
      p.appendChild(document.createTextNode(text.slice(cursor, span[0])));
      p.appendChild(el("mark", "", text.slice(span[0], span[1])));
      cursor = span[1];
    });
    p.appendChild(document.createTextNode(text.slice(cursor, end) + (end < text.length ? "…" : "")));
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
    item.appendChild(excerpt(data.text || "", marks));
    return item;
  }

  function showPage(found, from, id) {
    var slice = found.results.slice(from, from + PAGE);
    return Promise.all(slice.map(function (r) { return json(base + "f/" + r.id + ".json"); })).then(function (items) {
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

  function run(query) {
    var id = ++current;
    query = query.trim();
    var url = new URL(window.location.href);
    if (query) { url.searchParams.set("q", query); } else { url.searchParams.delete("q"); }
    history.replaceState(null, "", url);
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
      var n = found.results.length;
      status.textContent = n ? say("search_found", "找到 {n} 篇相关文章", { n: String(n) })
        : say("search_nothing", "没有找到和“{query}”相关的文章，换个词试试。", { query: query });
      return showPage(found, 0, id);
    }).catch(function () {
      if (id === current) { status.textContent = say("search_failed", "搜索索引没有加载成功。请稍后再试，或按标签浏览。"); }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 250);
  });
  input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  } else {
    input.focus();
  }
})();
