"""`python -m followup.cli` is the `followup` command."""

from followup.cli import main

main()
