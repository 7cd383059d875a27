"""Lives in paraprep_testing/modify_stub.py, packaged so bench/ imports it too; this name stays
for the tests that import it."""

import sys

from paraprep_testing import modify_stub as _module

sys.modules[__name__] = _module
