"""Opening a file the build is about to read, refusing anything that is not a regular file.

A named pipe opened for reading waits for a writer forever; a device never ends; a socket
cannot be opened at all. Checking with stat() first and then opening leaves a window in
which the name can be swapped for a pipe (an editor's save, a hostile pull request), so
every read of a site file goes through `open_regular`: it opens without blocking, asks the
*open file* what it is, and only then reads. A refusal is an `OSError` whose strerror says
what the path is, so every caller's existing "cannot read file: {strerror}" message stays
true.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFDIR: "a folder",
}


class NotRegularFile(OSError):
    """The path names a pipe, device, socket or folder: reading it could block or never end."""

    def __init__(self, path: str | os.PathLike[str], mode: int) -> None:
        self.kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        super().__init__(errno.EINVAL, f"not a regular file ({self.kind})", os.fspath(path))


def kind_of(mode: int) -> str:
    """'a named pipe', 'a device', …: how messages name what a path is instead of a file."""
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """`open(path, "rb")` for a regular file (symbolic links followed); NotRegularFile otherwise.

    O_NONBLOCK makes opening a pipe with no writer return at once instead of waiting; the
    flag is cleared again before reading, which for a regular file it never affected.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, info.st_mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    # Not inside the try: once the file object holds the descriptor it closes it, also when a
    # Ctrl-C or SIGTERM interrupts the return. Closing it again here raised "Bad file descriptor",
    # which replaced the interruption (a stopped build reported an unreadable template), and
    # could close a descriptor another thread had just been given.
    return os.fdopen(fd, "rb")


def read_regular(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of a regular file; with `limit`, at most limit + 1 bytes (so "too large" shows)."""
    with open_regular(path) as handle:
        return handle.read() if limit is None else handle.read(limit + 1)


def is_regular(path: str | os.PathLike[str]) -> bool:
    """True for a regular file (following links); never opens it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


__all__ = ["NotRegularFile", "is_regular", "kind_of", "open_regular", "read_regular"]
