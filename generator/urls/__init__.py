"""URLs and output paths as text: slugs, permalink patterns expanded, joining to the base path,
and the checks a URL a writer typed must pass. The lowest layer after errors: everything else may use it.
"""
