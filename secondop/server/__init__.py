"""How this project runs Voilà's server: its launcher, kernel manager and request limits."""
