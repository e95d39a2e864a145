"""Markdown to HTML for one post: the parser and its plugins, guards against pathological
nesting and bad links, figures, and the CJK-aware excerpt.
"""
