"""Telling open pages that the site changed, over Server-Sent Events.

SSE rather than a WebSocket because the browser's EventSource reconnects by itself after
the server restarts and needs nothing but a long GET, so the stdlib HTTP server can carry
it. The script that listens is added to HTML responses as they are served, never to the
files on disk, so `blog build` output stays free of it.
"""

from __future__ import annotations

import json
import queue
import re
import secrets
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.errors import Diagnostic

ENDPOINT = "/__livereload"
MAX_LISTED = 50  # changed files named in a reload event; more than this reloads every page
HEARTBEAT_SECONDS = 15.0
RECONNECT_MS = 1000


@dataclass(frozen=True, slots=True)
class Event:
    name: str
    data: dict[str, object]

    def encode(self) -> bytes:
        """One SSE message; JSON keeps any newline in a message inside a single data line."""
        payload = json.dumps(self.data, ensure_ascii=False)
        return f"event: {self.name}\ndata: {payload}\n\n".encode()


_CLOSED = Event("closed", {})


def diagnostics_payload(diagnostics: Iterable[Diagnostic]) -> list[dict[str, object]]:
    return [{"path": d.path, "line": d.line, "message": d.message, "expected": d.expected or ""} for d in diagnostics]


def choose_event(changed: list[str], removed: list[str], recovering: bool) -> str | None:
    """Decide what open pages must do after a good build.

    Recovering from a failed build always reloads, so the page and the overlay agree with the
    site again. Only stylesheets changing can be applied in place; nothing changing needs nothing.
    """
    if recovering:
        return "reload"
    if not changed and not removed:
        return None
    if not removed and all(path.endswith(".css") for path in changed):
        return "css"
    return "reload"


class Broadcaster:
    """Fans events out to every connected page and remembers the state a new page must see.

    A page connecting late (or reconnecting after a restart) is told the current build id,
    and the current error if the last build failed, so it never misses what happened while
    it was away.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: set[queue.SimpleQueue[Event]] = set()
        self._token = secrets.token_hex(4)
        self._generation = 0
        self._error: list[dict[str, object]] | None = None
        self._closed = False

    @property
    def build_id(self) -> str:
        with self._lock:
            return f"{self._token}-{self._generation}"

    @property
    def error(self) -> list[dict[str, object]] | None:
        with self._lock:
            return self._error

    def good_build(self, changed: list[str], removed: list[str]) -> str | None:
        """Record a successful build and tell pages what to do; return the event sent, if any."""
        with self._lock:
            name = choose_event(changed, removed, recovering=self._error is not None)
            self._error = None
            if name is None:
                return None
            self._generation += 1
            data: dict[str, object] = {"build": f"{self._token}-{self._generation}", "changed": changed[:MAX_LISTED]}
            # a page not in the list keeps showing what it shows; a long list or a removal reloads all
            data["every"] = len(changed) > MAX_LISTED or bool(removed) or name != "reload"
            event = Event(name, data)
        self._send(event)
        return name

    def failed_build(self, diagnostics: Iterable[Diagnostic]) -> None:
        errors = diagnostics_payload(diagnostics)
        with self._lock:
            self._error = errors
        self._send(Event("error", {"errors": errors}))

    def subscribe(self) -> queue.SimpleQueue[Event]:
        inbox: queue.SimpleQueue[Event] = queue.SimpleQueue()
        with self._lock:
            if self._closed:
                inbox.put(_CLOSED)
            self._subscribers.add(inbox)
        return inbox

    def unsubscribe(self, inbox: queue.SimpleQueue[Event]) -> None:
        with self._lock:
            self._subscribers.discard(inbox)

    def close(self) -> None:
        """End every open stream so that shutting down never waits for a browser."""
        with self._lock:
            self._closed = True
            subscribers = list(self._subscribers)
        for inbox in subscribers:
            inbox.put(_CLOSED)

    def greeting(self) -> list[Event]:
        with self._lock:
            events = [Event("hello", {"build": f"{self._token}-{self._generation}"})]
            if self._error is not None:
                events.append(Event("error", {"errors": self._error}))
        return events

    def stream(self, inbox: queue.SimpleQueue[Event]) -> Iterator[bytes]:
        """The bytes of one connection: retry hint, greeting, then events and heartbeats until closed."""
        yield f"retry: {RECONNECT_MS}\n\n".encode()
        for event in self.greeting():
            yield event.encode()
        while True:
            try:
                event = inbox.get(timeout=HEARTBEAT_SECONDS)
            except queue.Empty:
                yield b": ping\n\n"  # finds dead connections and keeps proxies from timing out
                continue
            if event is _CLOSED:
                return
            yield event.encode()

    def _send(self, event: Event) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for inbox in subscribers:
            inbox.put(event)


_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)

# The message text reaches the page only through textContent: a front-matter error quoting
# `<script>` must show as text, not run.
_CLIENT = """
(() => {
  "use strict";
  let known = __BUILD__;
  const here = __PAGE__;  // the output file this page came from; null: reload on any change
  const overlayId = "blog-livereload-overlay";
  const hideOverlay = () => { const old = document.getElementById(overlayId); if (old) old.remove(); };
  const add = (parent, tag, text, style) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (style) node.setAttribute("style", style);
    parent.appendChild(node);
    return node;
  };
  const showOverlay = (errors) => {
    hideOverlay();
    const box = document.createElement("div");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    box.setAttribute("style", "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:rgba(20,20,20,.94);color:#f5f5f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;");
    add(box, "h2", "Build failed: the page shows the last good site", "margin:0 0 1rem;color:#ff8a80;font-size:18px");
    for (const item of errors) {
      const entry = add(box, "div", undefined, "margin:0 0 1rem;padding:.75rem;border-left:4px solid #ff5252;background:#2a2a2a");
      add(entry, "div", item.line == null ? item.path : item.path + ":" + item.line, "color:#82b1ff").className = "file";
      add(entry, "div", item.message, "white-space:pre-wrap").className = "message";
      if (item.expected) add(entry, "div", "expected: " + item.expected, "color:#bdbdbd").className = "expected";
    }
    const close = add(box, "button", "Dismiss", "margin-top:.5rem");
    close.addEventListener("click", hideOverlay);
    document.body.appendChild(box);
  };
  const refreshStyles = () => {
    const stamp = Date.now();
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("livereload", stamp);
      const next = link.cloneNode();
      next.href = url.href;
      next.addEventListener("load", () => link.remove());
      next.addEventListener("error", () => next.remove());
      link.after(next);
    }
  };
  const source = new EventSource(__ENDPOINT__);
  const data = (event) => JSON.parse(event.data);
  source.addEventListener("hello", (event) => { if (data(event).build !== known) location.reload(); });
  source.addEventListener("reload", (event) => {
    const change = data(event);
    if (here !== null && !change.every && !change.changed.includes(here)) { known = change.build; return; }
    location.reload();
  });
  source.addEventListener("css", (event) => { known = data(event).build; hideOverlay(); refreshStyles(); });
  source.addEventListener("error", (event) => {
    if (typeof event.data === "string") showOverlay(data(event).errors);  // a lost connection has no data
  });
})();
"""


def client_script(build_id: str, page: str | None = None) -> bytes:
    script = _CLIENT.replace("__BUILD__", json.dumps(build_id)).replace("__ENDPOINT__", json.dumps(ENDPOINT))
    script = script.replace("__PAGE__", json.dumps(page, ensure_ascii=False).replace("</", "<\\/"))
    return f'<script data-blog-livereload="">{script}</script>\n'.encode()


def inject(html: bytes, build_id: str, page: str | None = None) -> bytes:
    """Put the client before the last </body>, or at the end of a page that has none.

    `page` (the output file served) lets the page ignore saves that did not change it.
    """
    script = client_script(build_id, page)
    matches = list(_BODY_END.finditer(html))
    if not matches:
        return html + script
    at = matches[-1].start()
    return html[:at] + script + html[at:]
