"""One module per material kind, each exporting `KIND = MaterialKind(...)` (see registry.py).

Modules whose name starts with '_' are shared helpers, not kinds.
"""
