"""The static edition's build (`make static`, `python -m devtools.static`); the steps are in `site.py`."""
