"""Stage 2, the plan: `assess` turns content and a person's choices into an `Assessment`, and its renderers."""
