"""The pure core: the record, the business calendar, the playbook and the planner.

Standard library, zoneinfo and holidays only. No Django, no I/O, no clock.
"""

# Refuses, at import, compiled modules older than their sources (_build.py).
from followup.domain._build import COMPILED as COMPILED
