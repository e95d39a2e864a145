"""The build as a library call, `build(options) -> BuildReport`: render, write, cache, and the
no-change record that lets an unchanged site answer without loading anything.

The build knows nothing of terminals or HTTP; the CLI and the preview are its callers.
"""
