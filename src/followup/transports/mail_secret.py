"""The mailbox password at rest: a Fernet token (cryptography), never clear text.

The key comes from FOLLOWUP_MAIL_KEY (a hosted install keeps it with its
other secrets) or from a key file in the user's data folder, created on
first use readable by the owner only. The database alone is not enough to
read the password; the key file alone holds no password.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

KEY_ENV = "FOLLOWUP_MAIL_KEY"
KEY_FILE_ENV = "FOLLOWUP_MAIL_KEY_FILE"


class SecretError(ValueError):
    """The stored password cannot be read with the key at hand."""


def key_path() -> Path:
    configured = os.environ.get(KEY_FILE_ENV)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("followup", appauthor=False)) / "mail.key"


def _key(create: bool) -> bytes:
    configured = os.environ.get(KEY_ENV)
    if configured:
        return configured.encode("ascii")
    path = key_path()
    if path.exists():
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)  # someone loosened it: the owner alone may read a key
        return path.read_bytes().strip()
    if not create:
        raise SecretError(f"no mail key at {path} (run `followup mail configure` again)")
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key()
    # O_EXCL: two processes creating the key at once cannot both win.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key + b"\n")
    return key


def seal(password: str) -> str:
    return Fernet(_key(create=True)).encrypt(password.encode("utf-8")).decode("ascii")


def unseal(token: str) -> str:
    try:
        return Fernet(_key(create=False)).decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError) as error:
        if isinstance(error, SecretError):
            raise
        raise SecretError("the stored mail password cannot be read with this key "
                          "(run `followup mail configure` again)") from None
