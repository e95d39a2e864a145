"""`blog serve` under load: 10,000 requests from 50 connections, slow and oversized clients
beside them; no error response, no open files left behind. Requests per second are printed
(run with -s to see them), never asserted."""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from serve_harness import ServeProcess, fetch, wait_until

REQUESTS = 10_000
CONNECTIONS = 50
BUDGET = 50.0  # seconds for the whole load; a bound, not a figure to meet


def run_loop(coroutine: Any) -> Any:
    """asyncio.run on a thread of its own, so a browser test's event loop elsewhere in the session cannot clash."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def open_files(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


HOME = "/blog/"  # the fixture site's base path (serve_harness.SITE_TOML): the preview serves it there


def served_paths(served: ServeProcess) -> list[str]:
    """A mix of what the browser asks for: pages, feeds, CSS, the sitemap, and a missing page."""
    roots = sorted(served.tmpdir.glob("blog-serve-*/site"))
    assert roots, "the serve output folder (under TMPDIR) was not found"
    root = roots[0]
    paths = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".css", ".svg", ".txt"):
            relative = path.relative_to(root).as_posix()
            paths.append(HOME + relative.removesuffix("index.html"))
    # The pages: the preview writes a page when it is first asked for, so the sitemap names them.
    sitemap = fetch(served.url + "sitemap.xml")
    assert sitemap.status == 200
    for location in re.findall(rb"<loc>([^<]+)</loc>", sitemap.body):
        path = urlsplit(unquote(location.decode())).path
        if path not in paths:
            paths.append(path)
    return [HOME + "sitemap.xml", *paths[:39]]


async def get(port: int, path: str) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(f"GET {quote(path)} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode("latin-1"))
        await writer.drain()
        head = await reader.readline()
        await reader.read()  # until the server closes: HTTP/1.0
        return int(head.split()[1])
    finally:
        writer.close()
        await writer.wait_closed()


async def load(port: int, paths: list[str]) -> tuple[Counter[int], float]:
    statuses: Counter[int] = Counter()
    queue: asyncio.Queue[str] = asyncio.Queue()
    for number in range(REQUESTS):
        queue.put_nowait(paths[number % len(paths)])

    async def worker() -> None:
        while not queue.empty():
            path = queue.get_nowait()
            try:
                statuses[await get(port, path)] += 1
            except OSError as exc:
                statuses[-1] += 1
                print("connection error:", exc)

    started = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(CONNECTIONS))), BUDGET)
    return statuses, time.perf_counter() - started


def test_ten_thousand_requests(site: Path, start_serve: Callable[..., ServeProcess]) -> None:
    served = start_serve(site, port=0)
    port = urlsplit(served.url).port  # asked for port 0: the one it bound is in the URL
    paths = served_paths(served)
    assert len(paths) > 10
    pid = served.process.pid
    run_loop(get(port, HOME))
    before = open_files(pid)

    statuses, seconds = run_loop(load(port, paths))

    print(f"\nblog serve: {REQUESTS} requests, {CONNECTIONS} connections, {REQUESTS / seconds:.0f} requests/s")
    assert statuses == Counter({200: REQUESTS}), statuses
    wait_until(lambda: open_files(pid) <= before + 3, timeout=5.0)
    assert served.process.poll() is None


async def slow_client(port: int, seconds: float) -> None:
    """Slowloris: a request's headers one byte at a time, never finished within `seconds`."""
    _reader, writer = await asyncio.open_connection("127.0.0.1", port)
    line = b"GET / HTTP/1.0\r\nX-Slow: " + b"a" * 200
    deadline = time.monotonic() + seconds
    try:
        for byte in line:
            if time.monotonic() > deadline:
                break
            writer.write(bytes([byte]))
            await writer.drain()
            await asyncio.sleep(0.05)
    finally:
        writer.close()
        await writer.wait_closed()


async def oversized_client(port: int) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        headers = "".join(f"X-Big-{n}: {'b' * 1000}\r\n" for n in range(90))
        writer.write(f"GET / HTTP/1.0\r\nHost: x\r\n{headers}\r\n".encode("latin-1"))
        await writer.drain()
        head = await asyncio.wait_for(reader.readline(), 10)
        return int(head.split()[1]) if head else 0
    except (ConnectionResetError, BrokenPipeError):
        return 0  # refused by closing: also fine, as long as others are served
    finally:
        writer.close()


async def slow_and_big_beside_normal(port: int) -> tuple[list[int], list[int]]:
    slow = [asyncio.create_task(slow_client(port, 3.0)) for _ in range(30)]
    big = [asyncio.create_task(oversized_client(port)) for _ in range(10)]
    await asyncio.sleep(0.5)  # the slow ones hold their connections open now
    normal = []
    for _ in range(50):
        normal.append(await asyncio.wait_for(get(port, HOME), 5))
    oversized = await asyncio.wait_for(asyncio.gather(*big), 15)
    await asyncio.wait_for(asyncio.gather(*slow), 15)
    return normal, list(oversized)


def test_slow_and_oversized_clients_do_not_stop_others(site: Path, start_serve: Callable[..., ServeProcess]) -> None:
    served = start_serve(site, port=0)
    port = urlsplit(served.url).port  # asked for port 0: the one it bound is in the URL
    normal, oversized = run_loop(slow_and_big_beside_normal(port))
    assert normal == [200] * 50
    assert all(status in (0, 400, 431) for status in oversized), oversized
    assert run_loop(get(port, HOME)) == 200
    assert served.process.poll() is None
