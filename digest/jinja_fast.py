"""A Jinja environment whose templates compile to cheaper Python for the same output.

Jinja's code generator is a documented extension point (`Environment.code_generator_class`). Two things it
writes for every page cost more than the page needs:

- `{{ value }}` compiles to `escape(value)`, which wraps each escaped string in a new `Markup` (a Python-level
  `__new__`) only for the page to join it into one string at once. Output here escapes to a plain `str` with
  markupsafe's own escaping, so the text is the same, character for character.
- `{{ f(x) }}` compiles to `context.call(f, x)`, which asks each callable whether it wants the context
  (`pass_context` and friends: four attribute lookups). Here the answer is kept per callable for the build,
  and a macro called with positional arguments is called as `Macro.__call__` would call it, without its
  general matching of keyword arguments, defaults and `caller`.

Together with the globals below they save 11–13% of a cold build's CPU at 10,000 articles, measured against
plain `jinja2.Environment` (docs/benchmarks.md): more than the 5% a private fast path must save to be kept. So
Jinja and MarkupSafe are pinned exactly in pyproject.toml, and tests/unit/test_jinja_fast.py fails if the
templates are not compiled this way.
A third change is not in the code generator: a template's globals are one plain dict instead of Jinja's
ChainMap (`FastEnvironment.make_globals`), which every page's context copied key by key in Python: rendering
a one-line template with the site's globals went from 21–23 to 6–8 µs, about 0.3 s of 20,600 pages.
Everything else is Jinja's own code (this site uses neither sandboxing nor async templates).
"""
from __future__ import annotations

from types import BuiltinFunctionType, FunctionType
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, optimizeconst
from jinja2.runtime import Macro, missing
from jinja2.utils import _PassArg
from markupsafe import Markup, escape

try:  # markupsafe's C escaping, without the Markup around it
    from markupsafe._speedups import _escape_inner
except ImportError:  # pragma: no cover - markupsafe built without its C extension
    def _escape_inner(text: str) -> str:
        return str(escape(text))


def output_text(value: Any) -> str:
    """The HTML text of `{{ value }}`: exactly markupsafe's `escape(value)`, as a plain string."""
    kind = type(value)
    if kind is str:
        return _escape_inner(value)
    if kind is Markup:
        return value
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return _escape_inner(str(value))


def _plain(callable_: Any) -> bool:
    """True when Jinja passes nothing extra to `callable_` (no `pass_context`, `pass_environment`, ...)."""
    if hasattr(callable_, "__call__") and _PassArg.from_obj(callable_.__call__) is not None:  # noqa: B004
        return False
    return _PassArg.from_obj(callable_) is None


class _Generator(CodeGenerator):
    """Jinja's code generator with `output_text` for autoescaped output and `call_plain` for calls."""

    def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape or finalize.src is not None:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.output_text(")

    @optimizeconst
    def visit_Call(self, node: Any, frame: Any, forward_caller: bool = False) -> None:
        # Jinja's own visit_Call (3.1) but for the first line; async and sandboxed environments are not used.
        self.write("environment.call_plain(context, ")
        self.visit(node.node, frame)
        extra_kwargs = {"caller": "caller"} if forward_caller else None
        loop_kwargs = {"_loop_vars": "_loop_vars"} if frame.loop_frame else {}
        block_kwargs = {"_block_vars": "_block_vars"} if frame.block_frame else {}
        if extra_kwargs:
            extra_kwargs.update(loop_kwargs, **block_kwargs)
        elif loop_kwargs or block_kwargs:
            extra_kwargs = dict(loop_kwargs, **block_kwargs)
        self.signature(node, frame, extra_kwargs)
        self.write(")")


class FastEnvironment(jinja2.Environment):
    """`jinja2.Environment` with the cheaper compiled code above; templates and their output are unchanged."""

    code_generator_class = _Generator
    output_text = staticmethod(output_text)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain: dict[Any, bool] = {}

    def make_globals(self, d: Any = None) -> dict:  # type: ignore[override]
        """A template's globals as one plain dict: the environment's, then `d`'s. Jinja's ChainMap of the two
        is read key by key in Python when each page's context is made (dict() of it, set() of its keys), about
        15 µs a page; a dict is copied in C. So the environment's globals must be set before its templates
        are loaded (`render._environment` does), as Jinja's documentation asks anyway."""
        return {**self.globals, **(d or {})}

    def call_plain(self, context: Any, callable_: Any, *args: Any, **kwargs: Any) -> Any:
        """`context.call(callable_, ...)`, asking a function once per build whether it wants the context."""
        kind = type(callable_)
        if kind is Macro:
            return self._call_macro(context, callable_, args, kwargs)
        if kind is BuiltinFunctionType:  # `date.isoformat`: never
            plain = True
        elif kind is FunctionType:  # the site's globals and filters: kept for the environment's life
            plain = self._plain.get(callable_)
            if plain is None:
                plain = self._plain[callable_] = _plain(callable_)
        elif not hasattr(callable_, "__dict__"):  # an object of a class with __slots__: its class decides
            plain = self._plain.get(kind)
            if plain is None:
                plain = self._plain[kind] = _plain(callable_)
        else:  # bound methods and other objects: Jinja asks them each time
            plain = False
        if not plain:
            return context.call(callable_, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return callable_(*args, **kwargs)
        except StopIteration:  # as Context.call
            return self.undefined("value was undefined because a callable raised a StopIteration exception")

    def _call_macro(self, context: Any, macro: Macro, args: tuple, kwargs: dict) -> Any:
        """A macro call: what `Macro.__call__` does for positional arguments (missing ones take their defaults
        in the macro itself), without its general argument matching; anything else goes through it."""
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        count = getattr(macro, "_argument_count", None)  # Jinja 3.1's own fields: any other goes the long way
        function = getattr(macro, "_func", None)
        if count is None or function is None or kwargs or len(args) > count or macro.caller \
                or macro.explicit_caller or macro.catch_kwargs or macro.catch_varargs:
            return macro(context.eval_ctx, *args, **kwargs)  # Macro.__call__ takes the eval context first
        arguments = list(args)
        if len(arguments) < count:
            arguments.extend([missing] * (count - len(arguments)))
        result = function(*arguments)
        return Markup(result) if context.eval_ctx.autoescape else result
