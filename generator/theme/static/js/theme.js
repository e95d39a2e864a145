// Progressive extras: a copy button on each code block, the light/dark/auto switch, back to top,
// keyboard reach for wide boxes, the contents following the reader. The page reads the same without it.
(function () {
  "use strict";
  // The interface's words in the site's language (generator/config/strings.py), written into the page.
  var words = {};
  try { words = JSON.parse(document.getElementById("ui-strings").textContent); } catch (e) { words = {}; }
  function say(key, fallback, values) {
    var text = words[key] || fallback;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }
  window.blogSay = say;  // search.js shows its messages through it

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function addCopyButtons() {
    var blocks = document.querySelectorAll(".post-body .highlight");
    blocks.forEach(function (block) {
      var pre = block.querySelector("pre");
      if (!pre || block.querySelector(".copy-code")) { return; }
      var lang = block.getAttribute("data-lang");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-code";
      button.textContent = say("copy", "复制");
      button.setAttribute("aria-label", lang ? say("copy_lang_code", "复制 {lang} 代码", { lang: lang }) : say("copy_code", "复制代码"));
      var timer = 0;
      button.addEventListener("click", function () {
        var copy = pre.cloneNode(true);  // without the line numbers
        copy.querySelectorAll(".line-no").forEach(function (number) { number.remove(); });
        var text = copy.textContent.replace(/\n$/, "");
        copyText(text).then(function () { return say("copied", "已复制"); }, function () { return say("copy_failed", "复制失败"); }).then(function (label) {
          button.textContent = label;
          clearTimeout(timer);
          timer = setTimeout(function () { button.textContent = say("copy", "复制"); }, 1600);
        });
      });
      block.appendChild(button);
    });
  }

  // Code, formulas and tables that are wider than the column scroll in their own box; let the
  // keyboard reach them too (only the ones that really scroll, so short ones add no tab stops).
  function markScrollers() {
    document.querySelectorAll(".post-body pre, .post-body .math-display, .post-body table").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.tabIndex = 0;
        box.setAttribute("data-scroller", "");
      } else if (!scrolls && box.hasAttribute("data-scroller")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroller");
      }
    });
  }

  // The contents mark the section being read (colour only, so nothing moves).
  function followContents() {
    var links = document.querySelectorAll('.toc a[href^="#"]');
    if (!links.length) { return; }
    var pairs = [];
    links.forEach(function (link) {
      var heading = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (heading) { pairs.push([heading, link]); }
    });
    var active = null;
    var queued = false;
    function update() {
      queued = false;
      var found = null;
      pairs.forEach(function (pair) {
        if (pair[0].getBoundingClientRect().top < window.innerHeight * 0.3) { found = pair[1]; }
      });
      if (found === active) { return; }
      if (active) { active.removeAttribute("aria-current"); }
      if (found) { found.setAttribute("aria-current", "location"); }
      active = found;
    }
    window.addEventListener("scroll", function () {
      if (!queued) { queued = true; window.requestAnimationFrame(update); }
    }, { passive: true });
    update();
  }

  // Auto follows the system; light or dark is the reader's choice, kept in localStorage (the inline
  // script in <head> applies it before the first paint).
  function themeSwitch() {
    var button = document.querySelector(".theme-toggle");
    if (!button) { return; }
    var root = document.documentElement;
    var order = ["auto", "light", "dark"];
    var name = button.querySelector(".theme-name");
    function show(choice) {
      if (name) { name.textContent = button.getAttribute("data-" + choice) || choice; }
    }
    show(root.dataset.theme || "auto");
    button.addEventListener("click", function () {
      var next = order[(order.indexOf(root.dataset.theme || "auto") + 1) % order.length];
      if (next === "auto") { delete root.dataset.theme; } else { root.dataset.theme = next; }
      try {
        if (next === "auto") { localStorage.removeItem("theme"); } else { localStorage.setItem("theme", next); }
      } catch (e) { /* private mode: the choice lasts for this page */ }
      show(next);
    });
  }

  function backToTop() {
    var link = document.querySelector(".back-to-top");
    if (!link) { return; }
    var queued = false;
    function update() {
      queued = false;
      link.classList.toggle("shown", window.scrollY > window.innerHeight);
    }
    window.addEventListener("scroll", function () {
      if (!queued) { queued = true; window.requestAnimationFrame(update); }
    }, { passive: true });
    link.addEventListener("click", function (event) {
      event.preventDefault();
      window.scrollTo({ top: 0 });
    });
    update();
  }

  // Waline or Twikoo ([comments] provider): their code is fetched only when the reader comes within
  // a screen of the comments, so a reader who stops before them contacts no other site.
  function loadComments() {
    var box = document.getElementById("comments-widget");
    if (!box) { return; }
    var data = box.dataset;
    var started = false;
    function load() {
      if (started) { return; }
      started = true;
      if (data.style) {
        var sheet = document.createElement("link");
        sheet.rel = "stylesheet";
        sheet.href = data.style;
        document.head.appendChild(sheet);
      }
      if (data.provider === "waline") {
        import(data.client).then(function (waline) {
          waline.init({ el: "#comments-widget", serverURL: data.server, path: data.path, lang: data.lang, dark: "auto" });
        });
      } else if (data.provider === "twikoo") {
        var script = document.createElement("script");
        script.src = data.client;
        script.onload = function () {
          window.twikoo.init({ envId: data.server, el: "#comments-widget", path: data.path, lang: data.lang });
        };
        document.head.appendChild(script);
      }
    }
    if (!("IntersectionObserver" in window)) { load(); return; }
    var watcher = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) { watcher.disconnect(); load(); }
    }, { rootMargin: "100% 0px" });
    watcher.observe(box);
  }

  // Image zoom: a picture shown smaller than it is opens at full size in a dialog (click, Enter or
  // Space); Esc, a click or the close button puts it away and focus returns to the picture.
  function imageZoom() {
    var images = document.querySelectorAll(".post-body img");
    if (!images.length || typeof HTMLDialogElement !== "function") { return; }
    var dialog = document.createElement("dialog");
    dialog.className = "zoom";
    var big = document.createElement("img");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "zoom-close";
    close.textContent = say("zoom_close", "关闭");
    dialog.appendChild(big);
    dialog.appendChild(close);
    document.body.appendChild(dialog);
    var opener = null;
    dialog.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { if (opener) { opener.focus(); } });
    function open(img) {
      opener = img;
      big.src = img.src;  // the original, not the srcset's smaller copy
      big.alt = img.alt;
      dialog.setAttribute("aria-label", img.alt || say("zoom_image", "放大图片"));
      dialog.showModal();
      close.focus();
    }
    images.forEach(function (img) {
      if (img.closest("a")) { return; }
      function mark() {
        // The width attribute is the file's own size (naturalWidth is scaled by srcset's density).
        var full = parseInt(img.getAttribute("width"), 10) || img.naturalWidth;
        if (full <= img.clientWidth * 1.15 || img.classList.contains("zoomable")) { return; }
        img.classList.add("zoomable");
        img.tabIndex = 0;
        img.setAttribute("role", "button");
        img.setAttribute("aria-label", say("zoom_image", "放大图片") + (img.alt ? ": " + img.alt : ""));
        img.addEventListener("click", function () { open(img); });
        img.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); open(img); }
        });
      }
      if (img.complete) { mark(); } else { img.addEventListener("load", mark); }
    });
  }

  function start() {
    imageZoom();
    loadComments();
    themeSwitch();
    backToTop();
    addCopyButtons();
    markScrollers();
    followContents();
    var timer = 0;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(markScrollers, 200);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  // Search from any page with "/" or Ctrl-K. search.js is fetched only then, so a page nobody
  // searches from does not carry it (a fifth of the index page's bytes). The box opens at once
  // and takes what is typed while the script arrives; search.js searches it when it runs.
  var me = document.currentScript;
  var searchScript = me && me.getAttribute("data-search");
  var shell = null;
  function searchShell() {
    if (shell) { return shell; }
    shell = document.createElement("dialog");
    shell.className = "search-dialog";
    shell.setAttribute("aria-label", say("search_form_label", "搜索文章"));
    var form = document.createElement("form");
    form.className = "search-form";
    form.setAttribute("role", "search");
    var page = me && me.getAttribute("data-page");
    if (page) { form.setAttribute("action", page); }
    form.method = "get";
    var label = document.createElement("label");
    label.className = "visually-hidden";
    label.textContent = say("search_query_label", "搜索关键词");
    label.htmlFor = "search-overlay-q";
    var input = document.createElement("input");
    input.type = "search";
    input.id = "search-overlay-q";
    input.name = "q";
    input.autocomplete = "off";
    input.setAttribute("enterkeyhint", "search");
    input.placeholder = say("search_page_placeholder", "输入关键词：中文或 English");
    var close = document.createElement("button");
    close.className = "search-close";
    close.type = "button";
    close.textContent = say("search_close", "关闭");
    close.addEventListener("click", function () { shell.close(); });
    form.append(label, input, close);
    shell.appendChild(form);
    shell.addEventListener("click", function (event) { if (event.target === shell) { shell.close(); } });
    // One Esc closes, even from a search box that would first only clear itself.
    shell.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); shell.close(); }
    });
    document.body.appendChild(shell);
    return shell;
  }
  window.blogSearchShell = searchShell;  // search.js fills the same box

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  var requested = false;
  document.addEventListener("keydown", function (event) {
    if (!searchScript || window.blogSearchOpen) { return; }  // once search.js runs, the keys are its
    var slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target);
    var chord = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey) && !event.altKey;
    if (!slash && !chord) { return; }
    event.preventDefault();
    var dialog = searchShell();
    if (!dialog.open) { dialog.showModal(); }
    dialog.querySelector("input").focus();
    if (requested) { return; }
    requested = true;
    var script = document.createElement("script");
    script.src = searchScript;
    script.setAttribute("data-index", me.getAttribute("data-index"));
    script.setAttribute("data-page", me.getAttribute("data-page") || "");
    document.head.appendChild(script);
  });
})();
