"""The shipped documents, their schema, loaders, importers and section-aware chunking.

`corpus` is the bottom layer of the project: `corpus.types` (shared value types) and `corpus.errors` import
nothing else of the project, so every other package may use them.
"""
