"""The site's own search index: text blocks from rendered pages, and the sharded index the
browser fetches piece by piece.
"""
