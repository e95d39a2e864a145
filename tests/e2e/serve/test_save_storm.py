"""An editor that saves by truncating the file and then writing it (issue 24, item 12).

Between the two the file is empty for a moment; `blog serve` used to take that moment as
"the post was emptied", delete its page, and answer about one request in ten with 404
until the next write. A file that had content and reads empty is a save in progress: the
last good page stays until the save ends (or the file stays empty, when it really is).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from serve_harness import ServeProcess, fetch, wait_until

STORM_SECONDS = 3.0


def test_a_save_storm_never_makes_the_post_404(site: Path, start_serve: Callable[..., ServeProcess]) -> None:
    served = start_serve(site)
    url = served.url + "posts/lora/"
    assert fetch(url).status == 200
    post = site / "content" / "posts" / "lora.md"
    text = post.read_bytes()
    stop = threading.Event()
    saves = 0

    def storm() -> None:
        nonlocal saves
        while not stop.is_set():
            with open(post, "wb") as handle:  # truncate: the file is empty from here ...
                handle.flush()
                time.sleep(0.002)
                handle.write(text.replace(b"LoRA", f"LoRA{saves % 7}".encode(), 1))  # ... to here
            saves += 1
            time.sleep(0.004)

    writer = threading.Thread(target=storm, daemon=True)
    writer.start()
    statuses: list[int] = []
    deadline = time.monotonic() + STORM_SECONDS
    try:
        while time.monotonic() < deadline:
            statuses.append(fetch(url).status)
    finally:
        stop.set()
        writer.join(5)
    assert saves > 100 and len(statuses) > 50
    missing = statuses.count(404)
    assert missing == 0, f"{missing} of {len(statuses)} requests got 404 during {saves} saves"
    wait_until(lambda: "LoRA" in fetch(url).text)


def test_a_post_emptied_on_purpose_still_goes(site: Path, start_serve: Callable[..., ServeProcess]) -> None:
    served = start_serve(site)
    url = served.url + "posts/lora/"
    assert fetch(url).status == 200
    (site / "content" / "posts" / "lora.md").write_bytes(b"")
    wait_until(lambda: fetch(url).status == 404)
    served.wait_for_line(r"file is empty")
