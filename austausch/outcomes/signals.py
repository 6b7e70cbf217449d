"""What the outcomes app tells the rest of the platform.

`update_published` is sent after a status update on a commitment is saved and public, with
`commitment` and `update` as arguments; the citizens app answers it by e-mailing the followers.
"""

from django.dispatch import Signal

update_published = Signal()
