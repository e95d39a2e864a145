// Progressive extras: a copy button on each code block. The page reads the same without it.
(function () {
  "use strict";
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
      button.textContent = "复制";
      button.setAttribute("aria-label", lang ? "复制 " + lang + " 代码" : "复制代码");
      var timer = 0;
      button.addEventListener("click", function () {
        var text = pre.innerText.replace(/\n$/, "");
        copyText(text).then(function () { return "已复制"; }, function () { return "复制失败"; }).then(function (label) {
          button.textContent = label;
          clearTimeout(timer);
          timer = setTimeout(function () { button.textContent = "复制"; }, 1600);
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

  function start() {
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
})();
