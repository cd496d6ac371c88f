"""The fast Jinja environment renders exactly what Jinja's own renders."""
from __future__ import annotations

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from digest.jinja_fast import FastEnvironment, output_text


class _Html:
    def __html__(self) -> str:
        return "<b>safe</b>"


class _Slotted:
    __slots__ = ()

    def __call__(self, text: str) -> str:
        return text.upper()


class _Counter:
    def __init__(self) -> None:
        self.count = 0

    def bump(self, by: int = 1) -> int:
        self.count += by
        return self.count


@jinja2.pass_context
def _from_context(context: jinja2.runtime.Context, name: str) -> str:
    return str(context.get(name))


@jinja2.pass_eval_context
def _autoescaping(eval_ctx: jinja2.nodes.EvalContext) -> str:
    return "on" if eval_ctx.autoescape else "off"


@jinja2.pass_environment
def _environment_name(environment: jinja2.Environment) -> str:
    return type(environment).__name__.replace("FastEnvironment", "Environment")


def _stops() -> str:
    raise StopIteration


_MACROS = """
{%- macro plain(a, b=2, c="<c>") -%}[{{ a }}|{{ b }}|{{ c }}]{%- endmacro -%}
{%- macro wrap(x) -%}<w>{{ caller(x) }}</w>{%- endmacro -%}
{%- macro loose() -%}{{ varargs|join(",") }};{{ kwargs|dictsort|join(",") }}{%- endmacro -%}
{%- macro named(caller=none) -%}({{ caller(7) }}){%- endmacro -%}
"""

_TEMPLATES = {
    "escape": "{{ text }} {{ safe }} {{ number }} {{ html }} {{ none }}",
    "macro positional": _MACROS + "{{ plain(text) }}{{ plain(1, 2, 3) }}{{ plain(text, safe) }}",
    "macro keywords": _MACROS + "{{ plain(1, c='kw') }}{{ plain(a=text) }}",
    "macro too many": _MACROS + "{{ plain(1, 2, 3, 4) }}",
    "macro unknown keyword": _MACROS + "{{ plain(1, d=4) }}",
    "call block": _MACROS + "{% call(v) wrap(text) %}<{{ v }}>{% endcall %}",
    "explicit caller": _MACROS + "{{ named(caller=plain) }}",
    "varargs and kwargs": _MACROS + "{{ loose(1, '<2>', k=text) }}",
    "macro in a loop": _MACROS + "{% for i in range(3) %}{{ plain(i, loop.index) }}{% endfor %}",
    "macro without autoescape": _MACROS + "{% autoescape false %}{{ plain(text) ~ text }}{% endautoescape %}",
    "macro result joined": _MACROS + "{{ plain(text) ~ text }}{{ (plain(1) + text)|length }}",
    "pass arguments": "{{ from_context('number') }} {{ autoescaping() }} {{ environment_name() }}"
                      "{% autoescape false %}{{ autoescaping() }}{% endautoescape %}",
    "builtin and bound methods": "{{ text.upper() }} {{ text.split('<')|join('/') }} {{ counter.bump(2) }}",
    "slotted callable": "{{ shout(text) }}",
    "stop iteration": "{{ stops() is undefined }}",
    "filters": "{{ text|e }} {{ text|safe }} {{ [text, safe]|join(', ') }} {{ text|replace('<', '[') }}",
    "set block": "{% set x %}{{ text }}!{% endset %}{{ x }} {{ x|length }}",
}


def _render(environment_class: type[jinja2.Environment], source: str) -> str:
    env = environment_class(autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals.update(from_context=_from_context, autoescaping=_autoescaping, environment_name=_environment_name,
                       stops=_stops, shout=_Slotted())
    values = {"text": "<a & 'b'>", "safe": Markup("<i>ok</i>"), "number": 7, "html": _Html(), "none": None,
              "counter": _Counter()}
    try:
        return env.from_string(source).render(values)
    except Exception as error:  # the same error, raised the same way, is the same behaviour
        return f"{type(error).__name__}: {error}"


_FAILING = {"macro too many": "TypeError", "macro unknown keyword": "TypeError"}


@pytest.mark.parametrize("name", sorted(_TEMPLATES))
def test_fast_environment_renders_what_jinja_renders(name: str) -> None:
    expected = _render(jinja2.Environment, _TEMPLATES[name])
    assert expected.startswith(f"{_FAILING[name]}: ") if name in _FAILING else ": " not in expected
    assert _render(FastEnvironment, _TEMPLATES[name]) == expected


def test_an_error_in_a_macro_call_is_jinja_s_error() -> None:
    assert _render(FastEnvironment, _TEMPLATES["macro too many"]) == \
        "TypeError: macro 'plain' takes not more than 3 argument(s)"


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.none(), st.text().map(Markup)))
def test_output_text_is_markupsafe_escape(value: object) -> None:
    text = output_text(value)
    assert text == str(escape(value))
    assert type(text) in (str, Markup)


def _with_templates(environment_class: type[jinja2.Environment]) -> jinja2.Environment:
    templates = {"page.html": '{% import "lib.html" as lib %}{{ site }} {{ lib.shout(own) }} {{ name }}',
                 "lib.html": "{% macro shout(x) %}{{ x|upper }} {{ site }}{% endmacro %}"}
    env = environment_class(loader=jinja2.DictLoader(templates), autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals.update(site="<site>", own="env's", name="env")
    return env


def test_template_globals_are_the_environment_s_then_the_template_s() -> None:
    pages = [_with_templates(kind).get_template("page.html", globals={"own": "page's"}) for kind in
             (jinja2.Environment, FastEnvironment)]
    assert pages[1].render(name="render's") == pages[0].render(name="render's") == \
        "&lt;site&gt; PAGE&#39;S &lt;site&gt; render&#39;s"
    assert type(pages[1].globals) is dict  # copied in C for each page's context, not read key by key


def test_imported_macros_are_made_once_for_all_pages() -> None:
    env = _with_templates(FastEnvironment)
    page = env.get_template("page.html")
    page.render()
    module = env.get_template("lib.html")._module
    page.render()
    assert module is not None and env.get_template("lib.html")._module is module


def test_the_site_s_templates_are_compiled_by_the_fast_generator(tmp_path) -> None:
    # digest/jinja_fast.py is kept only because it is measurably faster: if a Jinja upgrade or a change to
    # render.py stopped its code generator from being used, this fails (and the pin in pyproject.toml says why).
    from pathlib import Path

    from digest.render import _environment
    from digest.urls import Urls

    templates = Path(__file__).resolve().parents[2] / "templates"
    env = _environment(templates, Urls("/"))
    assert type(env) is FastEnvironment
    source = env.compile(env.loader.get_source(env, "article.html")[0], raw=True)
    assert "environment.output_text(" in source and "environment.call_plain(context, " in source
    assert "escape(" not in source.replace("output_text(", "")
    assert jinja2.__version__ == "3.1.6"  # the Jinja whose code generator jinja_fast.py copies
