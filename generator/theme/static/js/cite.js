// Shows a cited work's entry beside its citation on hover or keyboard focus, without leaving the page.
// The entry stays in the references list; screen readers already read it on focus through
// aria-describedby, so the popover is for the eye only (aria-hidden). It floats above the text:
// nothing moves when it appears. Escape closes it.
(function () {
  "use strict";
  var links = document.querySelectorAll("a.cite-link");
  if (!links.length) return;
  var pop = document.createElement("div");
  pop.className = "cite-popover";
  pop.setAttribute("aria-hidden", "true");
  pop.hidden = true;
  document.body.appendChild(pop);
  var hideTimer = 0;

  function show(link) {
    var id = decodeURIComponent(link.getAttribute("href").slice(1));
    var entry = document.getElementById(id);
    if (!entry) return;
    clearTimeout(hideTimer);
    pop.textContent = entry.textContent;
    pop.hidden = false;
    var box = link.getBoundingClientRect();
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8));
    var top = box.bottom + window.scrollY + 6;
    if (box.bottom + pop.offsetHeight + 12 > window.innerHeight && box.top > pop.offsetHeight + 12) {
      top = box.top + window.scrollY - pop.offsetHeight - 6;
    }
    pop.style.left = left + "px";
    pop.style.top = top + "px";
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () { pop.hidden = true; }, 120);
  }

  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener("mouseenter", function () { show(link); });
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("mouseleave", hideSoon);
    link.addEventListener("blur", hideSoon);
  });
  pop.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
  pop.addEventListener("mouseleave", hideSoon);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") pop.hidden = true;
  });
})();
