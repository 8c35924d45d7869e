"""The record's vocabulary: the profile and the events, as typed, validated values.

This package owns the `gerdy/1` contract (field names, ranges, allowed values). It does no I/O
and knows nothing of storage, the CLI or the web.
"""
