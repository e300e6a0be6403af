"""One module per export format, each with ``write(profile, *, now, **options)``.

The list of formats lives in prep_core.formats.
"""
