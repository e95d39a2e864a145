"""`blog serve`: build into a temporary folder, serve it, rebuild on every change.

The rebuild loop runs on the main thread so that Ctrl-C interrupts even a long build at
once (the build cleans up its staging folder on any exception); the HTTP server and the
file watcher run on their own threads and are stopped in `finally`.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
import webbrowser
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import FrameType
from urllib.parse import quote

from generator.build.entry import no_cycle_collection
from generator.build.pipeline import BuildCache, BuildOptions, BuildReport, build, resolve_config
from generator.build.render import search_docs
from generator.content.bibliography import (
    SCHOLAR_FOLDER,
    SITE_BIBLIOGRAPHY,
    bibliography_folders,
    bibliography_places_looked_at,
)
from generator.content.model import Post
from generator.errors import BuildError, Diagnostic, error
from generator.preview.indexer import BackgroundIndexer
from generator.preview.server import PreviewServer, SiteState
from generator.preview.watch import ChangeQueue, Watcher, WatchSet
from generator.search.docs import SearchDoc

POLL_SECONDS = 0.2
# An editor saving by truncating and then writing leaves the file empty for a moment; a file
# that had content and still reads empty after this long really was emptied.
EMPTY_GRACE_SECONDS = 2.0
SHOWN_PAGES = 3


def say(message: str, err: bool = False) -> None:
    print(message, file=sys.stderr if err else sys.stdout, flush=True)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def site_url(host: str, port: int) -> str:
    """The URL to open: a wildcard address is not one a browser can visit, loopback is."""
    shown = host.strip("[]")
    if shown in ("0.0.0.0", ""):
        shown = "127.0.0.1"
    elif shown == "::":
        shown = "::1"
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def rebuild_summary(report: BuildReport, seconds: float, trigger: str = "") -> str:
    """One line a writer can read at a glance: what was redone and how long it took."""
    parts = [plural(report.rendered_posts, "post") + " parsed", _pages(report.rendered_pages, "rendered")]
    if report.deferred:
        waiting = sorted(("/" + key.removesuffix("index.html") for key in report.deferred), key=_pages_first)
        parts.append(_pages(waiting, "to render on request"))
    parts.append(plural(len(report.changed), "file") + " changed")
    if report.removed:
        parts.append(plural(len(report.removed), "file") + " removed")
    if report.warnings:
        parts.append(plural(len(report.warnings), "warning"))
    where = f" ({trigger})" if trigger else ""
    return f"Rebuilt in {seconds * 1000:.0f} ms{where}: " + ", ".join(parts)


def _pages(paths: list[str], what: str) -> str:
    shown = ", ".join(paths[:SHOWN_PAGES]) + (" …" if len(paths) > SHOWN_PAGES else "")
    return plural(len(paths), "page") + f" {what}" + (f" ({shown})" if paths else "")


def _pages_first(path: str) -> tuple[bool, int, str]:
    """Pages before feeds, short paths (the post itself, the index) before long ones."""
    return (not path.endswith("/"), path.count("/"), path)


def describe_trigger(paths: frozenset[str], site: Path) -> str:
    names = []
    for raw in sorted(paths)[:SHOWN_PAGES]:
        path = Path(raw)
        try:
            names.append(path.relative_to(site).as_posix())
        except ValueError:
            names.append(str(path))
    return ", ".join(names) + (" …" if len(paths) > SHOWN_PAGES else "")


def watch_set(options: BuildOptions, output: Path, posts: Iterable[Post] = ()) -> WatchSet:
    """Folders from site.toml's [paths], falling back to the defaults if the config is broken, and
    every place the last build looked for a bibliography (`posts`: its posts), found or not, as
    `blog build`'s no-change record does: a `_bibliography/` folder or a post's .bib at the site root
    copied in while the preview runs changes what the posts cite."""
    site = options.source.resolve()
    config_file = (options.config_file or site / "site.toml").resolve()
    try:
        config, _ = resolve_config(options)
        folders = tuple(config.dir(name) for name in ("content", "templates", "static"))
        folders += tuple(bibliography_folders(config))
        files = (config_file, *bibliography_places_looked_at(posts, config))
    except Exception:  # a config that cannot be read still has to be watched, to notice the fix
        folders = tuple(site / name for name in ("content", "templates", "static", SCHOLAR_FOLDER))
        files = (config_file, site / SITE_BIBLIOGRAPHY)
    return WatchSet(site=site, folders=folders, files=files, output=output)


class Session:
    """One `blog serve` run: the options, the build cache, and what was last shown."""

    def __init__(self, options: BuildOptions, state: SiteState, indexer: BackgroundIndexer | None = None) -> None:
        self.options = options
        self.state = state
        self.cache = BuildCache()
        self.shown_warnings: set[str] = set()
        self.indexer = indexer
        self.lock = threading.RLock()  # one build or one page render at a time
        # Post files read empty mid-save: since when, and their mtime then (a write since restarts the clock).
        self.empty_since: dict[str, tuple[float, int]] = {}
        state.prepare = self.prepare

    def saves_in_progress(self, batch: frozenset[str], now: float) -> frozenset[str]:
        """Posts that read empty now but had content at the last build: a save under way
        (truncate, then write). Their last good pages stay until the file has content again,
        or has stayed empty and unwritten for EMPTY_GRACE_SECONDS. Unwritten matters: a save storm
        on a loaded machine leaves the file empty most of the time, and samples 0.2 s apart could
        all land in the gaps, so two seconds of empty samples alone took a post being saved for
        one emptied on purpose and took its page down."""
        live = self.cache.live
        if live is None:
            return frozenset()
        held: set[str] = set()
        root = live.config.root
        for raw in batch:
            try:
                info = os.stat(raw)
                size = info.st_size
                source = Path(raw).resolve().relative_to(root).as_posix()
            except (OSError, ValueError):
                continue
            remembered = self.cache.sources.get(source)
            if size or remembered is None or not remembered.signature[0]:
                self.empty_since.pop(raw, None)
                self.cache.emptied.discard(source)
                continue
            since, written = self.empty_since.get(raw, (now, info.st_mtime_ns))
            if written != info.st_mtime_ns:  # written (and truncated again) since it was first seen empty
                since = now
            self.empty_since[raw] = (since, info.st_mtime_ns)
            if now - since < EMPTY_GRACE_SECONDS:
                held.add(raw)
            else:
                self.cache.emptied.add(source)  # emptied on purpose: the next build removes its page
        return frozenset(held)

    def prepare(self, file: Path) -> None:
        """Bring a requested page up to date: pages changed by a save are rendered on request."""
        live = self.cache.live
        if live is None:
            return
        try:
            key = file.resolve().relative_to(live.output).as_posix()
        except ValueError:
            return
        with self.lock:
            if key in live.copies:  # an image's copy, not made before the first page
                live.make_copy(key, self.cache)
                return
            if key not in live.stale:
                return
            problem = live.materialise(key, self.cache)
        if problem is not None:
            self._failed([problem])

    def posts(self) -> list[Post]:
        """The posts of the last good build (none before one): where they look for bibliographies is watched."""
        with self.lock:
            live = self.cache.live
            return [] if live is None else list(live.site.posts)

    def search_docs(self) -> list[SearchDoc] | None:
        """The posts of the last good build, for the search index.

        A save may change a post while the index reads it; the index then records the key
        it was given, so the run the save asks for rewrites that block again."""
        with self.lock:  # only a copy of the list: page requests must not wait for the keys
            live = self.cache.live
            if live is None:
                return None
            posts, options = list(live.site.posts), live.render_options
        return search_docs(posts, options)

    def build_once(self, trigger: str = "", changed: frozenset[str] | None = None) -> bool:
        started = time.perf_counter()
        try:
            with self.lock, no_cycle_collection():
                report = build(self.options, cache=self.cache, changed=changed)
        except BuildError as exc:
            self._failed(exc.diagnostics)
            return False
        except Exception as exc:  # a bug must not take the preview down with it
            if os.environ.get("BLOG_DEBUG"):  # the traceback, for a bug report
                traceback.print_exc()
            self._failed([error(trigger or str(self.options.source), None, f"internal error: {exc!r}")])
            return False
        seconds = time.perf_counter() - started
        first = not self.state.ready.is_set()
        self.state.ready.set()
        self._warn(report.warnings)
        if first:
            say(f"Built {plural(report.posts, 'post')}, {plural(report.pages, 'page')} in {seconds:.2f} s")
        else:
            say(rebuild_summary(report, seconds, trigger))
        self.state.broadcaster.good_build(sorted({*report.changed, *report.deferred}), report.removed)
        if self.indexer is not None and report.search_pending:
            self.indexer.request()
        return True

    def _warn(self, warnings: list[Diagnostic]) -> None:
        """Print each warning once; the summary line keeps counting them on later rebuilds."""
        current = {str(item) for item in warnings}
        for line in sorted(current - self.shown_warnings):
            say(f"  warning: {line}", err=True)
        self.shown_warnings = current

    def _failed(self, diagnostics: list[Diagnostic]) -> None:
        errors = [d for d in diagnostics if d.is_error] or diagnostics
        say(f"Build failed with {plural(len(errors), 'error')}:", err=True)
        for item in errors:
            say(f"  {item}", err=True)
        if self.state.ready.is_set():
            say("Serving the last good site.", err=True)
        else:
            say("Serving an error page until the next good build.", err=True)
        self.state.broadcaster.failed_build(errors)


def bind(host: str, port: int, state: SiteState) -> PreviewServer | None:
    try:
        return PreviewServer(host, port, state)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            say(
                f"Port {port} on {host} is already in use. Stop the other server or choose another port "
                f"with --port, e.g. --port {port + 1 if port < 65535 else 8000} (--port 0 picks a free one).",
                err=True,
            )
        elif exc.errno == errno.EACCES:
            say(f"Not allowed to listen on port {port}; choose a port above 1023 with --port.", err=True)
        else:
            say(f"Cannot listen on {host}:{port}: {exc.strerror or exc}. Check --host and --port.", err=True)
        return None


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Make SIGTERM behave like Ctrl-C, so both run the same cleanup.

    SIGINT is set too because a shell starting us in the background may have told us to
    ignore it, and then Ctrl-C sent by a test or a process manager would do nothing.
    """

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def rebuild_loop(session: Session, changes: ChangeQueue, watcher: Watcher, output: Path) -> None:
    while True:
        batch = changes.wait(POLL_SECONDS)
        held = session.saves_in_progress(batch, time.monotonic()) if batch else frozenset()
        if held:
            changes.add(held)  # looked at again after the quiet window
            batch = (batch or frozenset()) - held
        if batch:
            session.build_once(describe_trigger(batch, session.options.source.resolve()), batch)
            watcher.update(watch_set(session.options, output, session.posts()))


def run(
    options: BuildOptions, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False, search: bool = False
) -> int:
    """Serve the site until interrupted; 0 after Ctrl-C or SIGTERM, 1 if it could not start."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")  # a Chinese page name must never crash the loop
    workdir = Path(tempfile.mkdtemp(prefix="blog-serve-"))
    try:
        with stop_on_signals():
            return _serve(options, host, port, open_browser, workdir, search)
    except KeyboardInterrupt:
        say("Stopped.")
        return 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _indexed(problem: str, seconds: float) -> None:
    if problem:
        say(f"  warning: {problem}", err=True)
    else:
        say(f"Search index updated in {seconds:.1f} s")


def site_prefix(options: BuildOptions) -> str:
    """The path the site is published under (its base_url's), percent-encoded as a browser asks
    for it: the preview serves the site there, as `hugo server` does. Served at the root, a
    project site's pages were made for another address than the built ones, so no post `blog
    build` had rendered could be reused (a warm start of 207 posts: 3.2 s, against 0.4 s)."""
    try:
        config, _ = resolve_config(options)
    except BuildError:  # the first build says what is wrong with site.toml
        return "/"
    return quote(config.base_path)


def _serve(options: BuildOptions, host: str, port: int, open_browser: bool, workdir: Path, search: bool = False) -> int:
    output = workdir / "site"
    state = SiteState(output=output, prefix=site_prefix(options))
    server = bind(host, port, state)
    if server is None:
        return 1
    url = site_url(host, server.server_address[1]).rstrip("/") + state.prefix
    # With --search the index is brought up to date in the background after each good build,
    # so it never stands between a save and the reload.
    options = replace(options, output=output, base_url=url, search_index=False, search_deferred=search, on_request=True)
    indexer = BackgroundIndexer(output, _indexed) if search else None
    changes = ChangeQueue()
    watcher = Watcher(changes.add)
    server_thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    try:
        watcher.update(watch_set(options, output))
        watcher.start()
        session = Session(options, state, indexer)
        if indexer is not None:
            indexer.docs = session.search_docs
        session.build_once()
        watcher.update(watch_set(options, output, session.posts()))  # the bibliographies its posts name
        server_thread.start()
        if not is_loopback(host):
            say(f"Warning: listening on {host}, so the site is visible to other machines on your network.", err=True)
        say(f"Serving at {url} (Ctrl-C to stop)")
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        rebuild_loop(session, changes, watcher, output)
    finally:
        if indexer is not None:
            indexer.stop()
        state.broadcaster.close()
        watcher.stop()
        if server_thread.is_alive():
            server.shutdown()
        server.server_close()
    return 0
