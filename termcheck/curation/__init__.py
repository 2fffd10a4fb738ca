"""The terminologist's tools that run the checker over texts: the term base's own examples checked
(`check`), and new concepts and variants proposed from texts for review (`candidates`)."""
