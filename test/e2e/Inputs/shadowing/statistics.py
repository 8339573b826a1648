# A module named like the standard library's, in the directory a program is started from.
# Nothing may import it: the working directory is not on a worker's module path.
raise SystemExit("the working directory's statistics.py was imported")
