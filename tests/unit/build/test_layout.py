"""Output paths every system can hold: Windows' refused names and case-only differences, before writing."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from generator.build.layout import check_layout
from generator.errors import Diagnostic, Severity
from generator.site.plan import PageInfo, PlannedPage
from generator.urls.paths import output_file

ROOT = Path("/site")


def page(path: str, kind: str = "index") -> PlannedPage:
    info = PageInfo(kind=kind, path=path, url=path, title="t")
    return PlannedPage("index.html", output_file(path), info, {}, (kind, path))


def check(pages: list[PlannedPage], static: dict[str, str] | None = None, assets: dict[str, str] | None = None):
    found = check_layout(
        pages,
        {k: ROOT / v for k, v in (static or {}).items()},
        {k: ROOT / v for k, v in (assets or {}).items()},
        ROOT,
    )
    return [(d.severity, d.path, d.message) for d in found]


def only(found: list[tuple[Severity, str, str]]) -> tuple[Severity, str, str]:
    assert len(found) == 1, found
    return found[0]


def test_a_page_at_a_windows_device_name_is_an_error() -> None:
    severity, _, message = only(check([page("/"), page("/old/con/", "redirect")]))
    assert severity == Severity.ERROR
    assert "'con'" in message and "device name on Windows" in message


def test_a_page_with_a_colon_or_a_trailing_dot_is_an_error() -> None:
    assert only(check([page("/a:b/")]))[0] == Severity.ERROR
    assert "ends with a dot" in only(check([page("/v1./")]))[2]


def test_a_static_file_windows_refuses_is_a_warning_naming_it_once_per_folder() -> None:
    found = check(
        [page("/")],
        static={"aux.js": "static/aux.js", "nul/a.css": "static/nul/a.css", "nul/b.css": "static/nul/b.css"},
    )
    assert [(s, p) for s, p, _ in found] == [
        (Severity.WARNING, "static/aux.js"),
        (Severity.WARNING, "static/nul/a.css"),
    ]
    assert "output nul cannot be written or checked out on Windows" in found[1][2]


def test_a_post_image_windows_refuses_is_a_warning() -> None:
    severity, source, message = only(check([page("/")], assets={"posts/x/a?.png": "content/posts/x/a?.png"}))
    assert (severity, source) == (Severity.WARNING, "content/posts/x/a?.png") and "'?'" in message


def test_two_pages_differing_only_in_case_are_an_error_naming_both() -> None:
    severity, _, message = only(check([page("/Notes/"), page("/notes/")]))
    assert severity == Severity.ERROR
    assert "Notes/index.html" in message and "notes/index.html" in message and "differ only in case" in message


def test_a_redirect_or_a_file_differing_only_in_case_is_a_warning() -> None:
    assert only(check([page("/posts/my-post/"), page("/posts/My-Post/", "redirect")]))[0] == Severity.WARNING
    severity, source, _ = only(check([page("/")], static={"Index.html": "static/Index.html"}))
    assert (severity, source) == (Severity.WARNING, "static/Index.html")
    severity, source, _ = only(check([page("/")], assets={"a/Logo.png": "p/Logo.png", "a/logo.png": "p/logo.png"}))
    assert severity == Severity.WARNING


def test_a_file_where_a_folder_of_another_case_must_be_is_an_error() -> None:
    severity, source, message = only(check([page("/tags/x/")], static={"Tags": "static/Tags"}))
    assert (severity, source) == (Severity.ERROR, "static/Tags") and "file is in the way" in message


def test_ordinary_paths_pass() -> None:
    pages = [page("/"), page("/tags/c-plus-plus/"), page("/tags/c-sharp/"), page("/tags/con-/"), page("/posts/感受野/")]
    assert check(pages, static={"css/site.css": "static/css/site.css", ".nojekyll": "static/.nojekyll"}) == []


def test_diagnostics_are_plain() -> None:
    assert all(isinstance(d, Diagnostic) for d in check_layout([page("/con/")], {}, {}, ROOT))
    assert PurePosixPath("con/index.html") == page("/con/").output


def test_a_whole_path_too_long_for_windows_is_a_warning_though_each_segment_is_short() -> None:
    deep = "/categories/" + "/".join(["机器学习与深度学习的各种方法" * 3] * 5) + "/"  # 42 characters a segment
    severity, _, message = only(check([page("/"), page(deep)]))
    assert severity == Severity.WARNING
    assert "Windows refuses paths over 260" in message and "characters long" in message


def test_long_paths_are_named_a_few_then_counted() -> None:
    pages = [page("/")] + [page(f"/{'x' * 150}/{n:03d}-{'y' * 60}/") for n in range(8)]
    found = check(pages)
    assert len(found) == 6
    assert "3 more output paths are too long" in found[-1][2]


def test_a_path_just_under_the_windows_budget_is_fine() -> None:
    assert check([page("/"), page("/" + "x" * 180 + "/")]) == []
