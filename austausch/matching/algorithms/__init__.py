"""The matching algorithms: plain data in, plain data out, no database and no Django models.

`preferences` are what a person asks the peer finder for, `scoring` ranks peers on them (numpy);
`planning` holds what the network builder and the pairing mode share (input and output types,
running CP-SAT, scoring a plan); `problem` checks applicants and rules before any solving and
explains those that cannot be met; `networks` and `pairings` solve with OR-Tools CP-SAT; `baselines`
are the greedy plans they are compared against.
Each can be tested and benchmarked alone; the modules one level up feed them from the database.
OR-Tools is imported inside the functions that solve, and the modules one level up import numpy and
the solvers only when they compute: every command loads the URLconf, so whatever it imports is paid
at each start-up (`bench/startup.py`).
"""
