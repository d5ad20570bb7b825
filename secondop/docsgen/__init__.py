"""Stage 4 (peer of `server/`): the generated parts of the documentation (JSON Schemas, guides' tables)."""
