"""What the radar keeps about a person: the texts they uploaded, the facts they reviewed, and reader
comments under an article signed with their name.

The texts themselves are published press reports, kept as they were printed so that every fact can
point at its passage; a name in them is the press's, and erasing an account does not rewrite them.
"""

from __future__ import annotations

from austausch.lib.personal_data import linked_records, naming_records, not_personal, register
from austausch.radar.models import Comment, Fact, Ingestion, IngestionFile, KnownName, Source

register(linked_records("radar_texts_uploaded", Source, "uploaded_by"))
register(linked_records("radar_facts_reviewed", Fact, "reviewer"))
register(naming_records("press_comments_signed", Comment, "author"))
register(linked_records("radar_texts_handed_in", Ingestion, "uploaded_by"))
register(linked_records("radar_names_taught", KnownName, "added_by"))
not_personal(IngestionFile, reason="A handed-in file's name, kept with its reading and erased with it.")
