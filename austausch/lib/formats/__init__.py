"""Date and number formats where Django's own do not suit the pages (FORMAT_MODULE_PATH in settings)."""
