"""Lives in paraprep_testing/leveled_texts.py, packaged so bench/ imports it too; this name stays
for the tests that import it."""

import sys

from paraprep_testing import leveled_texts as _module

sys.modules[__name__] = _module
