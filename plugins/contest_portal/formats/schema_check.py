"""Check a parsed YAML document against its pydantic model; report problems.

Pydantic's errors are turned into Problems that name the file, the line, the
field and what to do, in Vietnamese and English, including the YAML 1.1
traps (an unquoted phone number read as a number, ``no`` read as false,
``12:30`` read as 750).  Problems in private.yml never repeat the value, so
personal data cannot reach a report or a CI log through an error message.
"""

from __future__ import annotations

import difflib
import typing
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from contest_portal.core.errors import Problem
from contest_portal.formats.schema import PERSONAL_KEYS
from contest_portal.core.values import Invalid
from contest_portal.formats.yamlfile import YamlDocument

M = TypeVar("M", bound=BaseModel)

_TYPE_ERRORS = {
    "string_type": ("văn bản", "text"),
    "int_type": ("số nguyên", "a whole number"),
    "int_parsing": ("số nguyên", "a whole number"),
    "int_from_float": ("số nguyên", "a whole number"),
    "float_type": ("số", "a number"),
    "bool_type": ("true hoặc false", "true or false"),
    "list_type": ("danh sách (các dòng bắt đầu bằng '- ')", "a list (lines starting with '- ')"),
    "model_type": ("nhóm trường (các dòng 'tên: giá trị' thụt vào)", "a group of indented 'key: value' lines"),
    "dict_type": ("nhóm trường (các dòng 'tên: giá trị' thụt vào)", "a group of indented 'key: value' lines"),
    "model_attributes_type": ("nhóm trường (các dòng 'tên: giá trị' thụt vào)",
                              "a group of indented 'key: value' lines"),
    "tuple_type": ("danh sách", "a list"),
}

_LIMITS = {
    "greater_than_equal": ("phải lớn hơn hoặc bằng {ge}", "must be at least {ge}"),
    "greater_than": ("phải lớn hơn {gt}", "must be more than {gt}"),
    "less_than_equal": ("phải nhỏ hơn hoặc bằng {le}", "must be at most {le}"),
    "less_than": ("phải nhỏ hơn {lt}", "must be less than {lt}"),
    "too_short": ("cần ít nhất {min_length} mục", "needs at least {min_length} item(s)"),
    "too_long": ("nhiều nhất {max_length} mục", "at most {max_length} item(s)"),
    "string_too_short": ("không được để trống", "must not be empty"),
    "literal_error": ("chọn một trong: {expected}", "choose one of: {expected}"),
}

_HIDDEN = ("giá trị không hợp lệ (không hiển thị vì là thông tin cá nhân)",
           "invalid value (not shown: personal data)")


def check_document(doc: YamlDocument, model: type[M], **where: Any) -> tuple[M | None, list[Problem]]:
    """Validate ``doc.data`` with ``model``; return the instance or the problems."""
    if not isinstance(doc.data, dict):
        return None, [Problem("YAML004", doc.location((), **where))]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        private = doc.path.name == "private.yml"
        return None, [_problem(doc, model, err, where, private) for err in exc.errors(include_url=False)]


def field_name(loc: tuple) -> str:
    """``("prizes", "tiers", 1, "count")`` → ``prizes.tiers[2].count`` (people count from 1)."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)


def _problem(doc: YamlDocument, model: type[BaseModel], err: dict, where: dict, private: bool) -> Problem:
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
        detail = _HIDDEN
    return Problem("SCH004", location, {"field": field, "detail_vi": detail[0], "detail_en": detail[1]})


def _detail(kind: str, err: dict) -> tuple[str, str]:
    ctx = err.get("ctx", {})
    error = ctx.get("error")
    if isinstance(error, Invalid):
        return error.vi, error.en
    if kind in _LIMITS:
        vi, en = _LIMITS[kind]
        return vi.format(**ctx), en.format(**ctx)
    message = str(error) if error is not None else err.get("msg", "")
    return message, message


def _unknown_key(doc, model, loc, field, location) -> Problem:
    key = str(loc[-1])
    if key.lower() in PERSONAL_KEYS:
        return Problem("SCH005", location, {"field": field, "file_name": doc.path.name})
    close = difflib.get_close_matches(key, _allowed_keys(model, loc[:-1]), n=1, cutoff=0.6)
    return Problem("SCH002", location, {
        "field": field,
        "suggestion_vi": f" — có phải '{close[0]}'?" if close else "",
        "suggestion_en": f" — did you mean '{close[0]}'?" if close else "",
        "did_you_mean": close[0] if close else None,
    })


def _type_problem(doc, loc, field, location, err, expected, private) -> Problem:
    got = err.get("input")
    scalar = doc.scalars.get(loc)
    want_vi, want_en = expected
    values = {"field": field, "detail_vi": f"cần {want_vi}", "detail_en": f"expected {want_en}",
              "fix_vi": f"Sửa giá trị thành {want_vi}.", "fix_en": f"Change the value to {want_en}."}
    if scalar is None or scalar.quoted or expected[1] != "text":
        return Problem("SCH003", location, values)
    raw = "…" if private else scalar.raw
    key = field.split(".")[-1]
    if isinstance(got, bool):
        values["detail_vi"] = f"YAML đọc '{raw}' thành giá trị đúng/sai"
        values["detail_en"] = f"YAML read '{raw}' as a yes/no value"
    elif isinstance(got, int) and ":" in scalar.raw:
        values["detail_vi"] = f"YAML đọc '{raw}' thành số" + ("" if private else f" {got}")
        values["detail_en"] = f"YAML read '{raw}' as the number" + ("" if private else f" {got}")
    elif isinstance(got, (int, float)) and scalar.raw.startswith("0") and len(scalar.raw) > 1:
        number = "" if private else f" {got}"
        values["detail_vi"] = f"YAML đọc '{raw}' thành số{number} và làm mất số 0 đầu"
        values["detail_en"] = f"YAML read '{raw}' as the number{number}, dropping the leading zero"
    elif isinstance(got, (int, float)):
        values["detail_vi"] = f"YAML đọc '{raw}' thành số"
        values["detail_en"] = f"YAML read '{raw}' as a number"
    elif isinstance(got, date):
        values["detail_vi"] = f"YAML đọc '{raw}' thành ngày tháng"
        values["detail_en"] = f"YAML read '{raw}' as a date"
    values["fix_vi"] = f'Đặt giá trị trong ngoặc kép: {key}: "{raw}"'
    values["fix_en"] = f'Put the value in quotes: {key}: "{raw}"'
    return Problem("SCH003", location, values)


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
    if typing.get_origin(annotation) is None:
        return None
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
