"""What the knowledge base keeps about a person: the practices and publications recorded under their
account, and publications naming them as an author.

A practice's contacts hold no person by design: a role, an organisation and an office's public channel
(see `PracticeContact`).
"""

from __future__ import annotations

from austausch.knowledge.models import IndexVersion, Practice, PracticeContact, Publication
from austausch.lib.personal_data import linked_records, naming_records, not_personal, register

register(linked_records("practices_recorded", Practice, "created_by"))
register(linked_records("publications_recorded", Publication, "created_by"))
register(naming_records("publication_author", Publication, "authors"))

not_personal(
    PracticeContact,
    reason="A role, an organisation and an office's public mailbox, switchboard or contact page, never a person's.",
)
not_personal(IndexVersion, reason="The name of a search index.")
