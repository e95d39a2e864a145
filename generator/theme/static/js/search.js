// The search page: Pagefind's index, loaded on demand, with our own small list of results.
// Reads ?q= so the header's search box (a plain GET form) lands here with its words.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) { return; }
  var form = root.querySelector("form");
  var input = root.querySelector("input[type=search]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var PAGE = 10;
  var pagefind = null;
  var loading = null;
  var current = 0;
  var timer = 0;

  function load() {
    if (!loading) {
      loading = import(root.getAttribute("data-bundle")).then(function (module) {
        pagefind = module;
        return module.options({ baseUrl: root.getAttribute("data-base"), excerptLength: 40 }).then(function () {
          return module.init();
        });
      });
    }
    return loading;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  // Pagefind excerpts are text with <mark> around the hits; keep only that markup.
  function excerpt(html) {
    var p = el("p");
    // Pagefind marks each Chinese word on its own, with a space between: join neighbours again.
    html = html.replace(/([\u3400-\u9fff\uf900-\ufaff])<\/mark>\s*<mark>(?=[\u3400-\u9fff\uf900-\ufaff])/g, "$1");
    var parts = html.split(/<\/?mark>/);
    parts.forEach(function (part, i) {
      var text = new DOMParser().parseFromString(part, "text/html").documentElement.textContent;
      text = text.replace(/(^|\s)#(?=\s|$)/g, "$1");  // the headings' "#" anchor links
      p.appendChild(i % 2 ? el("mark", "", text) : document.createTextNode(text));
    });
    return p;
  }

  function render(data) {
    var item = el("li");
    var heading = el("h2");
    var link = el("a", "", (data.meta && data.meta.title) || data.url);
    link.href = data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    if (data.meta && data.meta.date) { item.appendChild(el("p", "meta", data.meta.date)); }
    item.appendChild(excerpt(data.excerpt || ""));
    return item;
  }

  function showPage(results, from, id) {
    var slice = results.slice(from, from + PAGE);
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (items) {
      if (id !== current) { return; }
      var more = list.querySelector(".more");
      if (more) { more.remove(); }
      items.forEach(function (data) { list.appendChild(render(data)); });
      if (from + PAGE < results.length) {
        var li = el("li", "more");
        var button = el("button", "search-more", "显示更多结果");
        button.type = "button";
        button.addEventListener("click", function () { showPage(results, from + PAGE, id); });
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
    status.textContent = "正在搜索……";
    load().then(function () {
      return pagefind.search(query);
    }).then(function (search) {
      if (id !== current) { return; }
      list.replaceChildren();
      var n = search.results.length;
      status.textContent = n ? "找到 " + n + " 篇相关文章" : "没有找到和“" + query + "”相关的文章，换个词试试。";
      return showPage(search.results, 0, id);
    }).catch(function () {
      if (id === current) { status.textContent = "搜索索引没有加载成功。请稍后再试，或按标签浏览。"; }
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
  input.addEventListener("focus", load, { once: true });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  } else {
    input.focus();
  }
})();
