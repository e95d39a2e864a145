"""Planning every page from the loaded posts: post paths, pagination, tags, series, pins,
related posts, feeds, sitemap and redirects. Pure: no file is read or written here.
"""
