"""Writes about programmes, one module per sub-domain. Each checks the actor's rights, validates, runs in a
transaction and is audited. Import from the module that defines what you use."""
