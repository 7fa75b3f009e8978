"""`python -m assistant.cli` runs the same command line as `buergerassistent`."""

from assistant.cli import main

main()
