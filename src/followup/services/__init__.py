"""The use cases, one short function each, each owning its transaction.

Every service takes the owner whose record it works on and, when the clock
matters, `now`. Call `followup.store.setup(url)` before importing these.
"""
