"""Sources: each file format read into segments with their offsets (`formats` holds the registry of
formats, their extensions and readers), suppression comments, and the folder walk."""
