"""site.toml into a frozen, validated `SiteConfig`.

Every setting is checked here, once, with errors that name the file, the line and what was
expected; later stages trust what they are given.
"""
