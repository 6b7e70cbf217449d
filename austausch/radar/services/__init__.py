"""Writes of the radar, one module per step: `ingesting` stores texts with their proposed facts, `reviewing`
records a reviewer's decision on a fact, `recording` turns accepted facts into records of other apps.

Each checks the actor's rights, runs in a transaction and leaves an audit entry. The records themselves
are written by the services of their own apps, which check their own rights (a town editor may create
a practice of their town, a coordinator a meeting of their programme).
"""
