"""Static files under names that change with their content, so that browsers may keep them for a year."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """`austausch collectstatic` writes each file under a hashed name (site.3f2a81c0d9e4.css), compressed, with a
    manifest; pages link those names and whitenoise serves them as immutable for a year.

    Where nothing was collected (development, tests), or a file was added since, pages link the plain name,
    which whitenoise's finders serve, instead of failing on the missing manifest entry as Django would."""

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            return name
