"""Exchange of the term base with translators and other tools: Excel, CSV, TBX, PO.

Everything passes through one flat model (records.py): concepts, terms and examples as rows.
Exporters turn a Glossary into rows and rows into files; importers read files into rows, which
yamlwrite.py applies to the YAML term base, concept by concept, keeping comments, order and every
key no one edited.
"""
