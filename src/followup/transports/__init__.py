"""Ways a record gets in and out of followup as files.

`exchange` reads and writes the JSON exchange document (`followup/1`, see
CONTRACT.md and docs/exchange.md); `csv_exchange` reads and writes the
spreadsheet of opportunities and contacts many job seekers already keep
(docs/csv.md). Both are pure: text in, domain values out, and back.
"""
