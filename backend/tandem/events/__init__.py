"""Live events for a space: content-free "something changed" signals, fanned out through Litestar's channels.

A payload names a kind of record, its id and what happened, never what anyone wrote; the browser
refetches through the API, where the visibility rule decides what it may read.
"""
