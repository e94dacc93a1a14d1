"""pydantic's validation problems in Vietnamese, for everything a person reads: the API's
request errors and the settings of the CLI, the API and the bots (`KEHOACH_*` variables).

Problems are keyed by pydantic's stable error type; the rejected input is never repeated
(a bad key must not end up in a terminal or a log).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError

# pydantic's error types (stable names) → Vietnamese; `{…}` from the error's context
_PROBLEMS = {
    "missing": "thiếu trường này",
    "extra_forbidden": "trường này không được nhận",
    "string_type": "phải là chuỗi ký tự",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "float_parsing": "phải là số",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
    "list_type": "phải là danh sách",
    "dict_type": "phải là đối tượng JSON",
    "model_attributes_type": "phải là đối tượng JSON",
    "string_too_short": "phải có ít nhất {min_length} ký tự",
    "string_too_long": "dài quá {max_length} ký tự",
    "string_pattern_mismatch": "sai định dạng",
    "too_short": "phải có ít nhất {min_length} phần tử",
    "too_long": "có quá {max_length} phần tử",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "literal_error": "phải là một trong: {expected}",
    "enum": "phải là một trong: {expected}",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "json_invalid": "không phải JSON hợp lệ",
    "value_error": "giá trị không hợp lệ",
    "float_type": "phải là số",
    "url_parsing": "không phải địa chỉ URL hợp lệ",
    "url_scheme": "địa chỉ URL phải bắt đầu bằng http:// hoặc https://",
    "set_type": "phải là danh sách",
    "frozen_set_type": "phải là danh sách",
    "path_type": "phải là đường dẫn",
}


def problem_message(problem: Mapping[str, Any]) -> str:
    """One validation problem in Vietnamese (its type named when pydantic adds a new one)."""
    kind = str(problem.get("type", ""))
    template = _PROBLEMS.get(kind)
    if template is None:
        return f"giá trị không hợp lệ ({kind})" if kind else "giá trị không hợp lệ"
    try:
        return template.format(**(problem.get("ctx") or {}))
    except (KeyError, IndexError):
        return template.split(" {")[0]


def settings_problems(
    error: ValidationError, variable: Callable[[Sequence[int | str]], str]
) -> str:
    """Each bad setting in one Vietnamese line, by its variable: "KEHOACH_X: phải là số
    nguyên; …". A validator's own message (written in Vietnamese) is kept as it is."""
    parts = []
    for problem in error.errors(include_input=False, include_url=False):
        cause = (problem.get("ctx") or {}).get("error")
        rule = (
            str(cause) if problem["type"] == "value_error" and cause else problem_message(problem)
        )
        parts.append(f"{variable(problem['loc'])}: {rule}")
    return "; ".join(parts)


def settings_variable(location: Sequence[int | str]) -> str:
    """The environment variable of a settings field ("embed_batch_size" → KEHOACH_…)."""
    return "KEHOACH_" + str(location[0]).upper() if location else "KEHOACH_*"
