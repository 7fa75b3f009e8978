"""`python -m cli` runs the same command line as `buergerassistent`."""

from cli import main

main()
