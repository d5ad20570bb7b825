"""Stage 1, the content: YAML read, validated and merged into `Content` (docs/architecture.md, "The data flow")."""
