"""`python -m secondop.server <voila arguments>`: Voilà with long-link handling (see `launcher`)."""

from .launcher import main

if __name__ == "__main__":
    main()
