"""One module per export format, each with write(profile, *, now, **options); see prep_core.formats."""
