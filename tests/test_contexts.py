"""Templates and their typed contexts cannot drift: every name a template reads is on its context.

Each page template is rendered with one of ``site.contexts``' dataclasses (``PAGE_TEMPLATES``) and
the renderer's helpers (``render.PageHelpers``); each embeddable view with an ``Embed*`` context
(``EMBED_TEMPLATES``). The templates are read as Jinja parses them: their top-level names, and
every attribute they read of a value whose type is known (a context's field, a loop over one, a
``set`` from one, a macro's typed parameter) down through dataclasses and pydantic models. A name
or an attribute a template reads that its context lacks would otherwise fail only when a page
takes that branch (StrictUndefined), or render empty in a hand-made override.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

import pytest
from jinja2 import Environment, meta, nodes
from pydantic import BaseModel

import contest_portal
from contest_portal.core.i18n import Translator
from contest_portal.judging.results import ContestResults
from contest_portal.rules.phase import PhaseInfo
from contest_portal.site.contexts import (
    EMBED_TEMPLATES,
    PAGE_TEMPLATES,
    Card,
    CertificatePage,
    ContestPage,
    EmbedEntry,
    EntryPage,
    SignedFile,
)
from contest_portal.site.pages import PageSpec, SitePlan
from contest_portal.site.render import PageHelpers, Renderer
from contest_portal.site.showcase import view_environment

#: names modules import only for type checking (an import cycle otherwise), for their annotations
IMPORTED_FOR_TYPES_ONLY = {"ContestResults": ContestResults}
TEMPLATES = Path(contest_portal.__file__).parent / "templates"
MACROS = "_macros.html"
#: the parameters of the shared macros, typed as the pages call them
MACRO_PARAMETERS: dict[str, dict[str, object]] = {
    "entry_card": {"card": Card},
    "phase_badge": {"phase": PhaseInfo},
    "next_deadline": {"phase": PhaseInfo},
    "document_link": {"file": SignedFile | None},
}


def page_environment() -> Environment:
    return Renderer(SitePlan(), Translator("vi"), use_directory_urls=True, now=datetime(2025, 1, 1)).env


def hints(cls: type) -> dict[str, object]:
    """The fields' types of a dataclass or a pydantic model; {} where they cannot be resolved."""
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return {name: info.annotation for name, info in cls.model_fields.items()}
    try:
        return typing.get_type_hints(cls, localns=IMPORTED_FOR_TYPES_ONLY)
    except (NameError, TypeError):
        return {}


def checked(kind: object) -> type | None:
    """The class whose attributes are checked: a dataclass or a pydantic model, ``X | None`` as X."""
    args = [arg for arg in typing.get_args(kind) if arg is not type(None)]
    if typing.get_origin(kind) in (typing.Union, type(None | int)) and len(args) == 1:
        kind = args[0]
    if isinstance(kind, type) and (dataclasses.is_dataclass(kind) or issubclass(kind, BaseModel)):
        return kind
    return None


def element(kind: object) -> object:
    """The items' type of ``tuple[X, ...]``, ``list[X]`` or a Sequence; None when unknown."""
    args = typing.get_args(kind)
    if typing.get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    if typing.get_origin(kind) in (list, Sequence) and args:
        return args[0]
    return None


def has_attribute(cls: type, name: str) -> bool:
    if dataclasses.is_dataclass(cls) and name in {f.name for f in dataclasses.fields(cls)}:
        return True
    if issubclass(cls, BaseModel) and name in cls.model_fields:
        return True
    return hasattr(cls, name)  # a property, a method


class Reads:
    """Walks a template's AST and lists every attribute it reads that the value's type lacks."""

    def __init__(self, names: dict[str, object], macros: dict[str, dict[str, object]] | None = None):
        self.names = dict(names)
        self.macros = macros or {}
        self.missing: list[str] = []

    def type_of(self, node: nodes.Node) -> object:
        """The Python type of an expression, None when it is not known (then nothing is checked)."""
        if isinstance(node, nodes.Name):
            return self.names.get(node.name)
        if isinstance(node, nodes.Getattr):
            return self.attribute(node.node, node.attr)
        if isinstance(node, nodes.Getitem):
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.attribute(node.node, node.arg.value)  # Jinja's subscript falls back to the attribute
            return element(self.type_of(node.node))
        return None

    def attribute(self, owner: nodes.Node, name: str) -> object:
        cls = checked(self.type_of(owner))
        if cls is None:
            return None
        if not has_attribute(cls, name):
            self.missing.append(f"{cls.__name__}.{name}")
            return None
        return hints(cls).get(name)

    def bind(self, target: nodes.Node, kind: object) -> None:
        if isinstance(target, nodes.Name):
            if kind is None:
                self.names.pop(target.name, None)
            else:
                self.names[target.name] = kind
        elif isinstance(target, nodes.Tuple):
            args = typing.get_args(kind) if typing.get_origin(kind) is tuple else ()
            known = len(args) == len(target.items) and Ellipsis not in args
            for index, item in enumerate(target.items):
                self.bind(item, args[index] if known else None)

    def visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.For):
            self.visit(node.iter)
            self.bind(node.target, element(self.type_of(node.iter)))
            for child in (*node.body, *node.else_, *([node.test] if node.test else [])):
                self.visit(child)
            return
        if isinstance(node, nodes.Assign):
            self.visit(node.node)
            self.bind(node.target, self.type_of(node.node))
            return
        if isinstance(node, nodes.Macro):
            saved = dict(self.names)
            for arg in node.args:
                self.bind(arg, self.macros.get(node.name, {}).get(arg.name))
            for child in node.body:
                self.visit(child)
            self.names = saved
            return
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            self.type_of(node)  # records what is missing
        for child in node.iter_child_nodes():
            self.visit(child)


def field_types(*classes: type) -> dict[str, object]:
    names: dict[str, object] = {}
    for cls in classes:
        names.update({f.name: hints(cls).get(f.name) for f in dataclasses.fields(cls)})
    return names


def template_problems(
    env: Environment, source: str, context: type, helpers: type | None = None, parents: tuple[str, ...] = ()
) -> list[str]:
    """What ``source`` reads that neither ``context`` nor ``helpers`` (nor the environment) gives:
    top-level names as they are, attributes as ``Class.attribute``."""
    names = field_types(context, *([helpers] if helpers else []))
    assert env.loader is not None
    trees = [env.parse(source), *(env.parse(env.loader.get_source(env, parent)[0]) for parent in parents)]
    # (Jinja counts a name set only in some branches as undeclared: the template's own names are not
    # the context's)
    own = {name.name for tree in trees for name in tree.find_all(nodes.Name) if name.ctx in ("store", "param")}
    problems = sorted(
        {name for tree in trees for name in meta.find_undeclared_variables(tree)} - set(names) - set(env.globals) - own
    )
    for tree in trees:
        reads = Reads(names, MACRO_PARAMETERS)
        reads.visit(tree)
        problems += sorted(set(reads.missing))
    return problems


def template_files(folder: Path) -> Iterator[str]:
    for path in sorted(folder.glob("*.html")):
        if not path.name.startswith("_"):
            yield path.name


def test_every_template_has_a_context_and_every_context_a_template():
    assert sorted(template_files(TEMPLATES)) == sorted(PAGE_TEMPLATES)
    assert sorted(template_files(TEMPLATES / "embed")) == sorted(EMBED_TEMPLATES)


@pytest.mark.parametrize("template", sorted(PAGE_TEMPLATES))
def test_a_page_template_reads_only_its_context_and_the_helpers(template):
    env = page_environment()
    source = (TEMPLATES / template).read_text(encoding="utf-8")
    assert template_problems(env, source, PAGE_TEMPLATES[template], PageHelpers) == []


def test_the_shared_macros_read_only_the_helpers_and_their_typed_parameters():
    env = page_environment()
    source = (TEMPLATES / MACROS).read_text(encoding="utf-8")

    @dataclasses.dataclass
    class Nothing:
        pass

    assert template_problems(env, source, Nothing, PageHelpers) == []


@pytest.mark.parametrize("template", sorted(EMBED_TEMPLATES))
def test_an_embeddable_view_reads_only_its_context(template):
    env = view_environment()
    source = (TEMPLATES / "embed" / template).read_text(encoding="utf-8")
    assert template_problems(env, source, EMBED_TEMPLATES[template], parents=("embed/_base.html",)) == []


def test_a_name_or_an_attribute_the_context_lacks_is_found():
    """The check itself: a misspelt field, a name of another page's context, an attribute read
    through ``set``, a loop, a macro's parameter, a model's field, a helper."""
    env = page_environment()
    assert template_problems(env, "{{ card.prize }}{{ contests }}", EntryPage, PageHelpers) == [
        "contests",
        "Card.prize",
    ]
    assert template_problems(
        env, "{% set m = card.media %}{{ m.posterr }}{{ card.entry.spec.titel }}{{ page.src }}", EntryPage, PageHelpers
    ) == ["Entry.titel", "EntryMedia.posterr", "PageSpec.src"]
    assert template_problems(
        env,
        "{% for c in cards %}{{ c.nope }}{% endfor %}"
        "{% for w, c, uri in winner_views[0].cards %}{{ w.entri }}{% endfor %}",
        ContestPage,
        PageHelpers,
    ) == ["Card.nope", "Winner.entri"]
    assert template_problems(env, "{{ winner.entry.unit_nam }}", CertificatePage, PageHelpers) == [
        "EntryRecord.unit_nam"
    ]
    assert template_problems(
        env, "{% macro entry_card(card) %}{{ card.media.thumb }}{% endmacro %}", EntryPage, PageHelpers
    ) == ["EntryMedia.thumb"]
    embed = view_environment()
    assert template_problems(embed, "{{ card.sise }}{{ cards }}", EmbedEntry) == ["cards", "EmbedCard.sise"]


def test_a_page_is_refused_a_context_its_template_does_not_take():
    plan = SitePlan()
    with pytest.raises(ValueError, match="entry.html"):
        # what the context holds does not matter: its kind is refused
        plan.add_page(PageSpec("c/index.md", "C", "entry.html", CertificatePage(None, None, None, None)))  # type: ignore[arg-type]
