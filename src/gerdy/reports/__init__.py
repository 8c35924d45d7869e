"""The record as others read it: a FHIR R4 bundle for a clinic's system and a PDF report to
bring to an appointment.

`fhir` and `pdf` are builders (no I/O, no clock); `gather` is the use case that reads the
record through the Coach and feeds them.
"""
