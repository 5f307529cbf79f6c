"""Changing plan files without losing what the planner wrote.

Two ways, each checked against the same change made to the plain data before anything is
written: :mod:`.roundtrip` (ruamel.yaml's round trip: values set at existing keys, entries
removed as whole lines), used by `planverk new`; :mod:`.textedit` (text spans worked out
from the loader's source positions: every other character stays where it was), used by
`planverk import` and fast on large plan sets. :mod:`.canonical` is `planverk fmt`.
"""
