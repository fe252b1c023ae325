"""Item 1 of issue 8: no name, company, role or subject can add a header to an .eml.

The header registry decodes RFC 2047 encoded words and would fold a decoded
CR/LF into a header of its own; every value is checked after decoding, at
input and again in the writer, and the written message is parsed back.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dbfixtures import BACKENDS, db_url, postgres_url, run, sqlite_template  # noqa: F401
from followup.domain import limits
from followup.transports.eml import HEADERS, MAX_LINE, Mail, UnsafeHeader, to_bytes
from samples import AS_OF, document

EVIL = "=?utf-8?q?Zo=0D=0ABcc:_evil1@x.example?="
DATE = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)


def _encoded_word(text: str, encoding: str, charset: str = "utf-8") -> str:
    raw = text.encode("utf-8")
    if encoding == "b":
        payload = base64.b64encode(raw).decode()
    else:
        payload = "".join(chr(b) if chr(b).isalnum() and b < 128 else "_" if b == 32
                          else f"={b:02X}" for b in raw)
    return f"=?{charset}?{encoding}?{payload}?="


ENCODED_WORDS = st.builds(
    _encoded_word,
    # What an encoded word can carry: text UTF-8 can encode (no lone surrogates).
    st.text(st.sampled_from("aZ\r\n\x00 :;,<>@\"ë\u2028") | st.characters(codec="utf-8"),
            max_size=30),
    st.sampled_from(["b", "q", "B", "Q"]),
    st.sampled_from(["utf-8", "UTF-8", "iso-8859-1", "us-ascii", "utf-8*en"]),
)
HEADER_TEXT = st.lists(
    st.text(max_size=40) | ENCODED_WORDS | st.sampled_from(["Bcc: x@y.z", "\r\n", ", b@c.d"]),
    max_size=4,
).map("".join) | st.text(st.characters(), min_size=900, max_size=1300)


def _mail(name: str, subject: str) -> Mail:
    return Mail("Sam Lee", "sam@example.org", name, "jane@acme.example", subject,
                "Hello\n", DATE, "acme-pm/thank_you/r1/jane")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=HEADER_TEXT, subject=HEADER_TEXT)
@example(name=EVIL, subject="Thanks")
@example(name="Zoë", subject=_encoded_word("Hi\r\nBcc: evil2@x.example", "b"))
@example(name="a" * 3000, subject="b" * 3000)
@example(name="=??B?LA?=", subject="Thanks")  # no charset: a comma, decoded (hypothesis)
def test_a_written_message_has_exactly_its_headers_and_one_recipient(
    name: str, subject: str
) -> None:
    try:
        raw = to_bytes(_mail(name, subject))
    except UnsafeHeader:
        # Refused: only ever for what input refuses as well.
        assert limits.header_problem(name) or limits.header_problem(subject) or (
            "\t" in name + subject)
        return
    parsed = message_from_bytes(raw, policy=policy.default)
    assert list(parsed.keys()) == list(HEADERS)
    assert [a.addr_spec for a in parsed["To"].addresses] == ["jane@acme.example"]
    assert "Bcc" not in parsed and "Cc" not in parsed
    assert all(len(line) <= MAX_LINE for line in raw.split(b"\n"))


@settings(max_examples=60, deadline=None)
@given(name=st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=200))
def test_every_name_input_accepts_is_written(name: str) -> None:
    if limits.header_problem(name) is not None:
        return
    raw = to_bytes(_mail(name, f"Thank you, {name}"))
    parsed = message_from_bytes(raw, policy=policy.default)
    assert len(parsed["To"].addresses) == 1


def test_the_decoded_line_break_is_named_in_the_writer() -> None:
    with pytest.raises(UnsafeHeader, match="line break hidden in an encoded word"):
        to_bytes(_mail(EVIL, "Thanks"))


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
@pytest.mark.parametrize(
    "where",
    ["contacts.name", "company", "role", "contacts.title"],
)
@pytest.mark.parametrize("encoding", ["q", "b"])
def test_an_encoded_line_break_is_refused_at_import(db_url: str, where: str,
                                                    encoding: str) -> None:
    doc = document()
    evil = _encoded_word("Zo\r\nBcc: evil1@x.example", encoding)
    target = doc["opportunities"][0]
    if where.startswith("contacts."):
        target = target["contacts"][0]
    target[where.split(".")[-1]] = evil
    result = run(db_url, "import", "-", input=json.dumps(doc))
    assert result.exit_code == 2
    assert "hidden in an encoded word" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_an_encoded_line_break_is_refused_from_the_command_line_and_csv(db_url: str) -> None:
    run(db_url, "import", "-", input=json.dumps(document()))
    added = run(db_url, "add", "contact", "acme-pm", "zo", "--name", EVIL)
    assert added.exit_code == 2 and "hidden in an encoded word" in added.stderr
    sheet = f"ref,company,role,contact_name\nx-pm,Acme,PM,{EVIL}\n"
    imported = run(db_url, "import", "--format", "csv", "-", input=sheet)
    assert imported.exit_code == 2 and "row 2, column contact_name" in imported.stderr


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_a_user_template_subject_with_an_encoded_line_break_writes_no_header(
    db_url: str, tmp_path
) -> None:
    run(db_url, "import", "-", input=json.dumps(document()))
    folder = tmp_path / "templates"
    folder.mkdir()
    subject = _encoded_word("Thanks\r\nBcc: evil3@x.example", "q")
    (folder / "thank_you.j2").write_text(
        "{% set subject %}" + subject + "{% endset %}{% set body %}Thank you.{% endset %}"
    )
    result = run(db_url, "draft", "acme-pm/thank_you/r1/omar", "--as-of", AS_OF,
                 "--format", "eml", "--templates", str(folder))
    assert result.exit_code == 2
    assert "Bcc" not in result.stdout
    assert "hidden in an encoded word" in result.stderr
