"""The preview server: watch the sources, rebuild incrementally, serve, and reload browsers.

It sits above the build (it imports `generator.build.pipeline`, never the other way round), so the
build stays a library call that knows nothing of HTTP or terminals.
"""

from generator.preview.app import run

__all__ = ["run"]
