"""The one place that decides who is calling, which space they act in, and what they may read.

Every domain resolves the caller and the member through these dependencies and filters every query
for members' records through `policy.readable_by`; no route writes its own visibility rule.
"""
