"""KERN's CSS as shipped: cut down to the rules our pages use (scripts/purge_css.py), and nothing they use lost."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

PROJECT = Path(__file__).resolve().parents[2]
KERN_CSS = settings.NODE_MODULES / "@kern-ux" / "native" / "dist" / "kern.min.css"
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("purge_css", PROJECT / "scripts" / "purge_css.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


purge_css = load_script()


def purge(css: str, *words: str) -> str:
    return str(purge_css.purge(css, purge_css.Vocabulary(words)))


def defined_classes(css: str) -> set[str]:
    return set(re.findall(r"\.(-?[A-Za-z_][\w-]*)", re.sub(r'"[^"]*"', "", css)))


def template_classes() -> set[str]:
    """Every class written out in a class attribute of our templates (not those a template builds)."""
    found: set[str] = set()
    for path in PROJECT.glob("austausch/**/templates/**/*.html"):
        for value in CLASS_ATTRIBUTE.findall(path.read_text(encoding="utf-8")):
            without_tags = re.sub(r"\{[{%].*?[%}]\}", " ", value)
            found.update(name for name in without_tags.split() if not name.endswith("-"))
    return found


def classes_kern_applies(used: set[str]) -> set[str]:
    """The classes in KERN's selectors that name only classes our templates use: those rules must be shipped."""
    found: set[str] = set()
    for selectors in re.findall(r"(?:^|[{};])([^{};@]+)\{", KERN_CSS.read_text(encoding="utf-8")):
        for selector in selectors.split(","):
            if (classes := defined_classes(selector)) and classes <= used:
                found |= classes
    return found


def test_it_drops_the_rules_of_classes_no_page_uses() -> None:
    css = ".kern-btn{color:red}.kern-dialog{display:block}"
    assert purge(css, "kern-btn") == ".kern-btn{color:red}"


def test_it_keeps_only_the_selectors_of_a_list_that_can_match() -> None:
    assert purge(".kern-btn:hover,.kern-dialog .kern-btn{color:red}", "kern-btn") == ".kern-btn:hover{color:red}"


def test_it_keeps_custom_properties_elements_font_faces_and_keyframes() -> None:
    css = (
        '@charset "UTF-8";:root{--kern-color:#000}body{margin:0}'
        "@font-face{font-family:Fira;src:url(a.woff2)}@keyframes rotation{to{transform:rotate(1turn)}}"
    )
    assert purge(css) == css


def test_it_keeps_what_a_media_query_holds_and_drops_it_when_empty() -> None:
    css = "@media (min-width: 768px){.kern-btn{width:auto}.kern-dialog{width:50%}}@media print{.kern-dialog{x:y}}"
    assert purge(css, "kern-btn") == "@media (min-width: 768px){.kern-btn{width:auto}}"


def test_classes_inside_not_is_and_where_need_not_be_used() -> None:
    css = ".kern-label:not(.kern-dialog .kern-label){a:b}:is(body,.kern-dark){c:d}.kern-dark{e:f}"
    assert purge(css, "kern-label") == ".kern-label:not(.kern-dialog .kern-label){a:b}:is(body,.kern-dark){c:d}"


def test_it_drops_rules_for_data_attributes_no_page_sets() -> None:
    css = '[data-kern-theme=dark]{--x:1}[type=checkbox]{--y:2}a[href$=".pdf"]{--z:3}'
    assert purge(css) == '[type=checkbox]{--y:2}a[href$=".pdf"]{--z:3}'


def test_a_modifier_built_in_a_template_keeps_every_modifier_of_its_block() -> None:
    vocabulary = purge_css.Vocabulary.from_texts(['<div class="kern-alert kern-alert--{{ message.level_tag }}">'])
    css = ".kern-alert--danger{a:b}.kern-alert--info{c:d}.kern-badge--info{e:f}"
    assert purge_css.purge(css, vocabulary) == ".kern-alert--danger{a:b}.kern-alert--info{c:d}"


def test_braces_in_strings_and_comments_do_not_end_a_block() -> None:
    css = '.kern-icon::before{content:"}"}/* .kern-dialog{ */.kern-icon{a:b}'
    assert purge(css, "kern-icon") == '.kern-icon::before{content:"}"}.kern-icon{a:b}'


def test_a_broken_style_sheet_is_refused_with_a_clear_error() -> None:
    with pytest.raises(ValueError, match="not closed"):
        purge(".kern-btn{color:red")


def test_every_kern_class_our_templates_use_survives_the_purge(tmp_path: Path) -> None:
    purge_css.main(settings.NODE_MODULES, tmp_path)
    used_from_kern = classes_kern_applies(template_classes())
    assert {"kern-btn", "kern-table__cell", "kern-alert"} <= used_from_kern  # the scans find what they should
    assert used_from_kern - defined_classes((tmp_path / "kern.min.css").read_text(encoding="utf-8")) == set()
    assert (tmp_path / "kern.min.css").stat().st_size < KERN_CSS.stat().st_size / 3


def test_the_shipped_kern_css_holds_every_kern_class_our_templates_use() -> None:
    """Fails on a stale build/kern/ (a template changed since `make install`): run `make install` again."""
    shipped = finders.find("vendor/kern/kern.min.css")
    assert isinstance(shipped, str)
    used_from_kern = classes_kern_applies(template_classes())
    assert used_from_kern - defined_classes(Path(shipped).read_text(encoding="utf-8")) == set()
