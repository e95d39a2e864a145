"""The category tree: Hexo's hierarchical `categories`, each path a chain of pages.

Hexo bloggers file a post under `[机器学习, 强化学习]` and expect `/categories/机器学习/强化学习/`
to list it, and `/categories/机器学习/` to list it too (a category counts the posts of the
categories below it, as Hexo's do). Tags cannot say that, so categories are their own tree
here: one `Category` node per path prefix, its URL one `term_slug` segment per level, named
by the newest post's spelling (as tags are), its posts newest first.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.config.settings import SiteConfig
from generator.content.model import Category, Post
from generator.errors import Diagnostic, warning
from generator.urls.paths import join_base, spelling_key, term_slug

CATEGORIES_PATH = "/categories/"  # Hexo's default category_dir


def category_path(slugs: Sequence[str]) -> str:
    return CATEGORIES_PATH + "".join(slug + "/" for slug in slugs)


def group_categories(config: SiteConfig, posts: Sequence[Post]) -> tuple[list[Category], list[Diagnostic]]:
    """Every category node, parents before children and siblings by name; each post's trails set.

    `posts` are in site order (newest first), so each node lists its posts newest first and is
    named as its newest post writes it. Two spellings that meet on one URL ('C#', 'C-sharp')
    are listed together with a warning, as tags are.
    """
    nodes: dict[tuple[str, ...], Category] = {}
    spellings: dict[tuple[str, ...], dict[str, tuple[str, Post]]] = {}
    for post in posts:
        post.category_trails = []
        for names in post.categories:
            trail: list[Category] = []
            slugs: tuple[str, ...] = ()
            for name in names:
                slugs += (term_slug(name),)
                node = nodes.get(slugs)
                if node is None:
                    path = category_path(slugs)
                    node = nodes[slugs] = Category(name, slugs[-1], path, join_base(config.base_path, path))
                    node.trail = (*trail, node)
                    if trail:
                        trail[-1].children.append(node)
                spellings.setdefault(slugs, {}).setdefault(spelling_key(name), (name, post))
                trail.append(node)
                if not node.posts or node.posts[-1] is not post:  # a post counts once, even filed twice
                    node.posts.append(post)
            if tuple(trail) not in post.category_trails:
                post.category_trails.append(tuple(trail))
    ordered: list[Category] = []

    def visit(level: list[Category]) -> None:
        for node in sorted(level, key=_sort_key):
            node.children.sort(key=_sort_key)
            ordered.append(node)
            visit(node.children)

    visit([node for node in nodes.values() if len(node.trail) == 1])
    return ordered, _merged_spellings(nodes, spellings)


def _sort_key(node: Category) -> tuple[str, str]:
    return (spelling_key(node.name), node.slug)


def _merged_spellings(
    nodes: dict[tuple[str, ...], Category], spellings: dict[tuple[str, ...], dict[str, tuple[str, Post]]]
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for slugs, names in spellings.items():
        node = nodes[slugs]
        first = names[spelling_key(node.name)][1]
        for key, (name, post) in names.items():
            if key != spelling_key(node.name):
                found.append(
                    warning(
                        post.source,
                        post.key_lines.get("categories")
                        or post.key_lines.get("category")
                        or post.key_lines.get("tags"),
                        f"category '{name}' has the same URL {node.path} as category '{node.name}' "
                        f"({first.source}): their posts are listed together on one page titled '{node.name}'",
                        "one spelling for one category, or names that differ in more than punctuation and spaces",
                    )
                )
    return found


def roots(categories: Sequence[Category]) -> list[Category]:
    """The top-level categories, in tree order."""
    return [node for node in categories if len(node.trail) == 1]


__all__ = ["CATEGORIES_PATH", "category_path", "group_categories", "roots"]
