"""Stage 3, for analysts (peer of `ui/`): pandas tables of the content, findings, reading grades, charts."""
