"""`austausch demo`: the example programmes and what came of them, loaded through the services of both apps.

It sits above programmes and outcomes, so neither needs to know the other's demo.
"""
