"""Files into `Post`s: walking the content folder, front matter, notebooks, file dates,
section pages, and the model (`Post`, `Site`, `Tag`, `Series`) every later stage reads.
"""
