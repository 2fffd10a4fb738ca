"""The term base: its model (concepts, terms, statuses), its YAML files read with positions and
validated, its QA and diff, and its compiled index (`index`, `entries`, `typos`, cached by `cache`)."""
