"""What is Hexo-, Jekyll- or Hugo-specific, in one place: front-matter spellings
(front_matter), Hexo tag plugins (hexo), Liquid (jekyll) and Hugo shortcodes (hugo), put
together by migrate; Quarto's code cells (quarto); callout syntaxes (callouts) and permalink
styles (permalinks).

A post written for another engine is read by that engine's rules here, so the rest of the
pipeline sees one dialect.
"""
