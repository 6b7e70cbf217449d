"""What every app shares and no app owns: small helpers without models of their own.

Each module here imports nothing from the apps, so any app may use it.
"""
