"""ParaPrep: leveled, accommodated classroom materials. Public API lives in generators.api."""
