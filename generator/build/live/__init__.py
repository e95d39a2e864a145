"""The site kept in memory between builds of one process (the preview's), so a save re-renders
only the pages it touched: body edits, front-matter edits, moved posts, static files.

Every quick path must give the bytes a full build gives; what it cannot do, it leaves to the
incremental build.
"""
