"""Writing hints: a lint that reads an objective or a key result in Chinese or English and says
what a good OKR coach would say (issue 17, DESIGN §5b). Pure: no I/O.

    lint("提升客户满意度", locale="zh-CN")
    → [WritingHint(NOT_MEASURABLE, WARNING, "怎样才算达成？…", start=0, end=7)]
"""

from ..enums import HintCode, HintSeverity, HintTarget
from .lint import SEVERITY, WritingHint, lint

__all__ = ["SEVERITY", "HintCode", "HintSeverity", "HintTarget", "WritingHint", "lint"]
