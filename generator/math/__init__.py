"""TeX to MathML at build time (math-core), and the rewrites that let TeX written for MathJax
or KaTeX convert: macros, environments, tags and labels.
"""
