"""Check a parsed YAML document against its pydantic model; report problems.

Pydantic's errors are turned into Problems that name the file, the line, the
field and what to do, including the YAML 1.1 traps (an unquoted phone number
read as a number, ``no`` read as false, ``12:30`` read as 750).
"""

from __future__ import annotations

import difflib
import typing
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .schema import PERSONAL_KEYS
from .yamlfile import YamlDocument

M = TypeVar("M", bound=BaseModel)

_TYPE_ERRORS = {
    "string_type": ("văn bản", "text"),
    "int_type": ("số nguyên", "a whole number"),
    "int_parsing": ("số nguyên", "a whole number"),
    "float_type": ("số", "a number"),
    "bool_type": ("true hoặc false", "true or false"),
    "list_type": ("danh sách (các dòng bắt đầu bằng '- ')", "a list (lines starting with '- ')"),
    "model_type": ("nhóm trường (các dòng 'tên: giá trị' thụt vào)", "a group of 'key: value' lines"),
    "dict_type": ("nhóm trường (các dòng 'tên: giá trị' thụt vào)", "a group of 'key: value' lines"),
    "model_attributes_type": ("nhóm trường (các dòng 'tên: giá trị' thụt vào)", "a group of 'key: value' lines"),
    "tuple_type": ("danh sách", "a list"),
}


def check_document(doc: YamlDocument, model: type[M], **where: Any) -> tuple[M | None, list[Problem]]:
    """Validate ``doc.data`` with ``model``; return the instance or the problems."""
    if not isinstance(doc.data, dict):
        return None, [Problem("YAML004", doc.location((), **where))]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [_problem(doc, model, err, where) for err in exc.errors(include_url=False)]


def _field_name(loc: tuple) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")  # people count from 1
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)


def _problem(doc: YamlDocument, model: type[BaseModel], err: dict, where: dict) -> Problem:
    loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
    field = _field_name(loc)
    location = doc.location(loc, field=field, **where)
    kind = err["type"]
    if kind == "missing":
        return Problem("SCH001", location, {"field": field, "key": loc[-1] if loc else field})
    if kind == "extra_forbidden":
        key = str(loc[-1])
        if key.lower() in PERSONAL_KEYS:
            return Problem("SCH005", location, {"field": field, "file_name": doc.path.name})
        allowed = _allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        return Problem("SCH002", location, {
            "field": field,
            "suggestion": f" — có phải '{close[0]}'? / did you mean '{close[0]}'?" if close else "",
            "did_you_mean": close[0] if close else None,
        })
    if kind in _TYPE_ERRORS:
        return _type_problem(doc, loc, field, location, err, _TYPE_ERRORS[kind])
    detail = err.get("msg", "")
    if kind == "literal_error":
        detail = f"chọn một trong / choose one of: {err.get('ctx', {}).get('expected', '')}"
    elif kind == "value_error":
        detail = str(err.get("ctx", {}).get("error", detail))
    return Problem("SCH004", location, {"field": field, "detail": detail})


def _type_problem(doc, loc, field, location, err, expected) -> Problem:
    got = err.get("input")
    scalar = doc.scalars.get(loc)
    raw = scalar.raw if scalar else repr(got)
    want_vi, want_en = expected
    fix_vi = f"Sửa giá trị thành {want_vi}."
    fix_en = f"Change the value to {want_en}."
    detail = f"cần {want_vi} / expected {want_en}"
    if scalar and not scalar.quoted and expected[1] == "text":
        if isinstance(got, bool):
            detail = (f"YAML đọc '{raw}' thành giá trị đúng/sai ({str(got).lower()}) / "
                      f"YAML read '{raw}' as a yes/no value")
        elif isinstance(got, int) and ":" in raw:
            detail = f"YAML đọc '{raw}' thành số {got} / YAML read '{raw}' as the number {got}"
        elif isinstance(got, (int, float)) and raw.startswith("0") and len(raw) > 1:
            detail = (f"YAML đọc '{raw}' thành số {got} và làm mất số 0 đầu / "
                      f"YAML read '{raw}' as the number {got}, dropping the leading zero")
        elif isinstance(got, (int, float)):
            detail = f"YAML đọc '{raw}' thành số / YAML read '{raw}' as a number"
        elif isinstance(got, date):
            detail = f"YAML đọc '{raw}' thành ngày tháng / YAML read '{raw}' as a date"
        fix_vi = f'Đặt giá trị trong ngoặc kép: {field.split(".")[-1]}: "{raw}"'
        fix_en = f'Put the value in quotes: {field.split(".")[-1]}: "{raw}"'
    return Problem("SCH003", location, {"field": field, "detail": detail, "fix_vi": fix_vi, "fix_en": fix_en})


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
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
    origin = typing.get_origin(annotation)
    if origin is None:
        return None
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None

