"""Lives in paraprep_testing/stub_openai.py, packaged so bench/ imports it too; this name stays
for the tests that import it."""

import sys

from paraprep_testing import stub_openai as _module

sys.modules[__name__] = _module
