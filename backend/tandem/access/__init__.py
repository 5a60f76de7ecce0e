"""The one place that decides who is calling, which space they act in, and what they may read.

Every domain resolves the caller and the member through these dependencies (`identity`,
`membership`) and reads members' records only through the scoped reader (`reader`), which applies
the visibility rule of `policy`; an export builds the same `Member` per space (`export_scope`).
`tests/structure/test_scoped_reads.py` fails when a module outside this package selects an
authored record itself.
"""
