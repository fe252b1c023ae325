"""Templates: user overrides by name, errors that name file and line, a sandbox that holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.records import PROFILE, action, opportunity, settings_for
from followup.domain.messages import BrokenTemplate, UnsafeTemplate, draft
from followup.domain.messages.render import clear_cache, tidy
from followup.domain.model import ActionKind, Channel


@pytest.fixture(autouse=True)
def fresh_templates():
    clear_cache()
    yield
    clear_cache()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def thank_you(folder: Path | None, contact: str = "jane"):
    opp = opportunity()
    return draft(PROFILE, opp, action(ActionKind.THANK_YOU, contact), settings_for(opp),
                 templates_dir=folder)


MINE = """{% import "_common.j2" as c %}
{% set subject %}Thanks, {{ them.first }}{% endset %}
{% set body %}
{{ c.greeting(them, formal, v.closing) }}

My own words for the {{ role }} role, thank you. I'm keen to join.

{{ me.name }}
{% endset %}
"""


def test_a_user_template_replaces_the_built_in_one_by_name(tmp_path: Path) -> None:
    write(tmp_path, "thank_you.j2", MINE)
    found = thank_you(tmp_path)
    assert found.subject == "Thanks, Jane"
    assert "My own words for the Product Manager role" in found.body
    opp = opportunity()  # other kinds keep the built-in templates
    invite = draft(PROFILE, opp, action(ActionKind.LINKEDIN_INVITE, "jane",
                                        channel=Channel.LINKEDIN),
                   settings_for(opp), templates_dir=tmp_path)
    assert "Product Manager" in invite.body and "My own words" not in invite.body


def test_a_language_folder_inside_the_user_folder_is_read_first(tmp_path: Path) -> None:
    write(tmp_path, "thank_you.j2", MINE)
    write(tmp_path, "en/thank_you.j2", MINE.replace("My own words", "Words from en/"))
    assert "Words from en/ for the" in thank_you(tmp_path).body


def test_the_user_folder_must_exist(tmp_path: Path) -> None:
    with pytest.raises(BrokenTemplate, match="does not exist"):
        thank_you(tmp_path / "nowhere")


def test_a_syntax_error_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "thank_you.j2", "{% set body %}\nHi\n{% if %}\n{% endset %}\n")
    with pytest.raises(BrokenTemplate) as caught:
        thank_you(tmp_path)
    assert f"{path}, line 3:" in str(caught.value)


def test_an_unknown_name_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "thank_you.j2",
                 "{% set body %}\nHi {{ them.first }},\n\n{{ favourite_colour }}\n{% endset %}\n")
    with pytest.raises(BrokenTemplate) as caught:
        thank_you(tmp_path)
    assert str(caught.value) == f"{path}, line 4: 'favourite_colour' is undefined"


def test_an_error_in_an_imported_template_names_that_file(tmp_path: Path) -> None:
    helper = write(tmp_path, "_mine.j2", "{% macro oops() %}\n{{ 1 / 0 }}\n{% endmacro %}\n")
    write(tmp_path, "thank_you.j2", '{% import "_mine.j2" as m %}{% set body %}{{ m.oops() }}'
                                    '{% endset %}')
    with pytest.raises(BrokenTemplate) as caught:
        thank_you(tmp_path)
    assert f"{helper}, line 2: ZeroDivisionError" in str(caught.value)


ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ me.__class__ }}",
    "{{ me.name.__class__.__base__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__['os'] }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].system('echo pwned') }}",
    "{{ self.__init__.__globals__ }}",
    "{{ ''|attr('__class__') }}",
    "{{ me|attr('__class__') }}",
    "{{ '{0.__class__.__mro__}'.format(me) }}",
    "{{ '{x.__class__}'.format_map({'x': me}) }}",
    "{{ me.update({'name': 'Mallory'}) }}",
    "{{ me.signature.append('Mallory') }}",
    "{{ me.signature.pop() }}",
    "{{ range.__globals__ }}",
    "{{ c.__init__ }}",
    "{% for x in ().__class__.__base__.__subclasses__() %}{{ x }}{% endfor %}",
]


@pytest.mark.parametrize("attempt", ESCAPES)
def test_a_template_that_reaches_for_python_internals_fails_safely(
    tmp_path: Path, attempt: str
) -> None:
    path = write(tmp_path, "thank_you.j2",
                 '{% import "_common.j2" as c %}\n{% set body %}\nHi\n' + attempt
                 + "\n{% endset %}\n")
    with pytest.raises(UnsafeTemplate) as caught:
        thank_you(tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{path}, line 4: the template tried to reach Python internals")
    assert "the sandbox stopped it and nothing was drafted" in message


def test_nothing_the_sandbox_stopped_had_an_effect(tmp_path: Path) -> None:
    write(tmp_path, "thank_you.j2", "{% set body %}{{ me.signature.append('x') }}{% endset %}")
    with pytest.raises(UnsafeTemplate):
        thank_you(tmp_path)
    clear_cache()
    assert thank_you(None).body.endswith("Sam Lee\n+1 555 0100\nsam@example.org")


@pytest.mark.parametrize(
    ("attempt", "says"),
    [
        ('{% include "../../../../etc/passwd" %}', "no template named ../../../../etc/passwd"),
        ('{% include "/etc/passwd" %}', "no template named /etc/passwd"),
        ("{{ range.__self__ }}", "has no attribute '__self__'"),
    ],
)
def test_reaching_outside_the_folders_or_for_huge_work_fails_too(
    tmp_path: Path, attempt: str, says: str
) -> None:
    write(tmp_path, "thank_you.j2", "{% set body %}" + attempt + "{% endset %}")
    with pytest.raises(BrokenTemplate, match=says.replace("*", r"\*")):
        thank_you(tmp_path)


def test_built_in_templates_render_without_a_user_folder() -> None:
    assert thank_you(None).subject


def test_tidy_joins_template_lines_and_keeps_paragraphs_lists_and_breaks() -> None:
    raw = "Hi Jane,\n\n  One sentence\n  and its end .\n\n- a\n- b\nmore\n\nSam\ue000Lee\n"
    assert tidy(raw) == "Hi Jane,\n\nOne sentence and its end.\n\n- a\n- b more\n\nSam\nLee"
