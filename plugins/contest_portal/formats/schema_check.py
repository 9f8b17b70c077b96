"""Check a parsed YAML document against its pydantic model; report problems.

Pydantic's errors are turned into Problems that name the file, the line, the
field and what to do (``schema.*`` texts of the catalogue), including the YAML 1.1
traps (an unquoted phone number read as a number, ``no`` read as false,
``12:30`` read as 750).  Problems in private.yml never repeat the value, so
personal data cannot reach a report or a CI log through an error message.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from contest_portal.core.errors import Location, Problem, Text
from contest_portal.core.values import Invalid
from contest_portal.formats.schema import PERSONAL_KEYS
from contest_portal.formats.yamlfile import PathKey, YamlDocument

M = TypeVar("M", bound=BaseModel)

# pydantic error type -> catalogue key of what the field expects
_TYPE_ERRORS = {
    "string_type": "schema.type.text",
    "int_type": "schema.type.integer",
    "int_parsing": "schema.type.integer",
    "int_from_float": "schema.type.integer",
    "float_type": "schema.type.number",
    "bool_type": "schema.type.bool",
    "list_type": "schema.type.list",
    "model_type": "schema.type.group",
    "dict_type": "schema.type.group",
    "model_attributes_type": "schema.type.group",
    "tuple_type": "schema.type.tuple",
}

# pydantic error types whose message is a catalogue text ``schema.limit.<type>``, filled from the error's ctx
_LIMITS = (
    "greater_than_equal",
    "greater_than",
    "less_than_equal",
    "less_than",
    "too_short",
    "too_long",
    "string_too_short",
    "string_too_long",
    "literal_error",
)


def check_document(doc: YamlDocument, model: type[M], **where: Any) -> tuple[M | None, list[Problem]]:
    """Validate ``doc.data`` with ``model``; return the instance or the problems."""
    if not isinstance(doc.data, dict):
        return None, [Problem("YAML004", doc.location((), **where))]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        private = doc.path.name == "private.yml"
        return None, [_problem(doc, model, err, where, private) for err in exc.errors(include_url=False)]


def field_name(loc: PathKey) -> str:
    """``("prizes", "tiers", 1, "count")`` → ``prizes.tiers[2].count`` (people count from 1)."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)


def _problem(
    doc: YamlDocument, model: type[BaseModel], err: Mapping[str, Any], where: dict[str, Any], private: bool
) -> Problem:
    loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
    kind = err["type"]
    if kind == "extra_forbidden" and private:
        loc = loc[:-1] + ("?",)  # an unknown key in private.yml may itself be a phone number
    field = field_name(loc)
    location = doc.location(loc, **{"field": field, **where})
    if kind == "missing":
        return Problem("SCH001", location, {"field": field, "key": loc[-1] if loc else field})
    if kind == "extra_forbidden":
        return _unknown_key(doc, model, loc, field, location)
    if err.get("input") is None and kind in _TYPE_ERRORS:
        return Problem("SCH006", location, {"field": field})
    if kind in _TYPE_ERRORS:
        return _type_problem(doc, loc, field, location, err, _TYPE_ERRORS[kind], private)
    detail = _detail(kind, err)
    if private and kind == "value_error":
        detail = Text("schema.hidden")
    return Problem("SCH004", location, {"field": field, "detail": detail})


def _detail(kind: str, err: Mapping[str, Any]) -> Text | str:
    ctx = err.get("ctx", {})
    error = ctx.get("error")
    if isinstance(error, Invalid):
        return error.text
    if kind in _LIMITS:
        return Text(f"schema.limit.{kind}", **ctx)
    return str(error) if error is not None else err.get("msg", "")  # pydantic's own words: not expected


def _unknown_key(doc: YamlDocument, model: type[BaseModel], loc: PathKey, field: str, location: Location) -> Problem:
    key = str(loc[-1])
    if key.lower() in PERSONAL_KEYS:
        return Problem("SCH005", location, {"field": field, "file_name": doc.path.name})
    close = difflib.get_close_matches(key, _allowed_keys(model, loc[:-1]), n=1, cutoff=0.6)
    return Problem(
        "SCH002",
        location,
        {
            "field": field,
            "suggestion": Text("problem.did_you_mean", name=close[0]) if close else "",
            "did_you_mean": close[0] if close else None,
        },
    )


def _type_problem(
    doc: YamlDocument,
    loc: PathKey,
    field: str,
    location: Location,
    err: Mapping[str, Any],
    expected: str,
    private: bool,
) -> Problem:
    got = err.get("input")
    scalar = doc.scalars.get(loc)
    want = Text(expected)
    values = {"field": field, "detail": Text("schema.expected", what=want), "fix": Text("schema.change_to", what=want)}
    if scalar is None or scalar.quoted or expected != "schema.type.text":
        return Problem("SCH003", location, values)
    raw = "…" if private else scalar.raw
    key = field.split(".")[-1]
    number = "" if private else f" {got}"
    if isinstance(got, bool):
        values["detail"] = Text("schema.read_as_bool", raw=raw)
    elif isinstance(got, int) and ":" in scalar.raw:
        values["detail"] = Text("schema.read_as_the_number", raw=raw, number=number)
    elif isinstance(got, (int, float)) and scalar.raw.startswith("0") and len(scalar.raw) > 1:
        values["detail"] = Text("schema.read_dropping_zero", raw=raw, number=number)
    elif isinstance(got, (int, float)):
        values["detail"] = Text("schema.read_as_number", raw=raw)
    elif isinstance(got, date):
        values["detail"] = Text("schema.read_as_date", raw=raw)
    values["fix"] = Text("schema.quote_it", key=key, raw=raw)
    return Problem("SCH003", location, values)


def _allowed_keys(model: type[BaseModel], loc: PathKey) -> list[str]:
    """The field names of the (nested) model found at ``loc``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """Unwrap Optional[...] / list[...] / Annotated[...] down to a model class."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) is None:
        return None
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
