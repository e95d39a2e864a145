"""What a formula's warning says was expected: the likely fix, where the converter's message
does not point at it.

An unknown command is usually a macro from the blog's MathJax config, which site.toml can define
once for every post. But a command MathJax itself defines (plain TeX's, or one of the extensions
MathJax 3 loads on first use) is not the writer's to define: told to write a macro for `\\bbox`,
a writer would go looking for a config line that never existed. Those are named as MathJax's.
"""

from __future__ import annotations

import re

# Commands MathJax 2 or 3 typesets without any config of the blog's (base, AMS, and the extensions
# MathJax 3 loads when a formula uses them), which this converter still refuses after the
# respellings of mathjax_forms and tex_rewrite. Only for the hint: nothing here changes a formula.
MATHJAX_COMMANDS = frozenset(
    {
        # plain TeX and MathJax's base
        *("eqalignno", "leqalignno", "root", "of", "buildrel", "above", "abovewithdelims"),
        *("atopwithdelims", "overwithdelims", "strut", "mit", "oldstyle", "hfill", "hfil", "hfilll"),
        *("raise", "lower", "moveleft", "moveright", "rlap", "llap", "vcenter", "skew", "Tiny"),
        *("Rule", "Space", "arrowvert", "Arrowvert", "bracevert", "nonscript", "cr", "mmlToken"),
        # AMS
        *("varinjlim", "varprojlim", "varliminf", "varlimsup", "intertext"),
        # html, bbox, unicode, color, cancel, enclose, action, verb, newcommand
        *("href", "bbox", "unicode", "colorbox", "fcolorbox", "cancelto", "enclose"),
        *("texttip", "mathtip", "toggle", "endtoggle", "verb", "newenvironment", "renewenvironment"),
        # mathtools, centernot, mhchem, gensymb
        *("mathrlap", "mathllap", "mathclap", "clap", "DeclarePairedDelimiter", "centernot", "ce", "pu"),
        *("celsius", "ohm", "micro", "perthousand"),
        # upgreek
        *("upalpha", "upbeta", "upgamma", "updelta", "upepsilon", "upvarepsilon", "upzeta", "upeta"),
        *("uptheta", "upvartheta", "upiota", "upkappa", "uplambda", "upmu", "upnu", "upxi", "uppi"),
        *("upvarpi", "uprho", "upvarrho", "upsigma", "upvarsigma", "uptau", "upupsilon", "upphi"),
        *("upvarphi", "upchi", "uppsi", "upomega", "Upgamma", "Updelta", "Uptheta", "Uplambda", "Upxi"),
        *("Uppi", "Upsigma", "Upupsilon", "Upphi", "Uppsi", "Upomega"),
    }
)

# A typo the converter's own message does not point at: \tag(1) for \tag{1} reads as a
# \tag without its argument, "which may only appear in a numbered equation environment".
_TAG_WITHOUT_BRACES = re.compile(r"\\tag\*?(?![\s{*A-Za-z])")
_UNKNOWN_COMMAND = re.compile(r'Unknown command "\\([A-Za-z]+)"')


def formula_fix(tex: str, problem: str = "") -> str:
    """What the warning for a formula that failed says was expected."""
    if _TAG_WITHOUT_BRACES.search(tex):
        return "\\tag{…} with braces, as in \\tag{1}; shown as source"
    unknown = _UNKNOWN_COMMAND.match(problem)
    if unknown and unknown.group(1) in MATHJAX_COMMANDS:
        return (
            f"\\{unknown.group(1)} is a MathJax command that the math converter does not support "
            "(see docs/math.md); shown as source"
        )
    if unknown:  # a macro the blog's MathJax config defined: site.toml can define it once for every post
        return f'a macro defined in site.toml, e.g. [math.macros] {unknown.group(1)} = "…" as in your MathJax config; shown as source'
    return "TeX that the math converter understands (see docs/math.md); shown as source"
