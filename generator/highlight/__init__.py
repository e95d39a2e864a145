"""Code blocks to highlighted HTML with Pygments, and the rule-start tables that make its
regex lexers try only the rules that can match at each position.
"""
