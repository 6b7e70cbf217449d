"""How passwords are stored: Argon2id with OWASP's minimum parameters."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    """Argon2id at m=19 MiB, t=2, p=1, the minimum the OWASP Password Storage Cheat Sheet recommends
    (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id).

    Django's defaults (100 MiB, t=2, p=8) would take 100 MiB for each sign-in in progress: with 32 server
    threads that is over 3 GB at worst, and eight lanes on two cores only wait for each other. One lane at
    19 MiB takes a few tens of milliseconds of one core, where PBKDF2 at Django's million iterations took a
    third of a second, so that several sign-ins at once no longer hold every other write back. Hashes keep
    the algorithm name "argon2" and carry their own parameters: Django verifies older ones and rehashes a
    password with other parameters at its next sign-in.
    """

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
