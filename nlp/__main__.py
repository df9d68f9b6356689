"""`python -m nlp …` is the `touming` command."""

from nlp.surfaces.cli import app

app()
