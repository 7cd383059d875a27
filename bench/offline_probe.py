"""One offline packet in a fresh interpreter: `python -m bench.offline_probe SOURCE OUT_DIR`.

Run by bench/offline_bench.py, which times the whole process from outside (interpreter start
and imports included, as a teacher running the CLI would wait). This prints each phase's share.
"""

import json
import sys
import time

started = time.perf_counter()
from generators import api  # noqa: E402 (timing the imports is the point)
from generators.models import OfflineEngine  # noqa: E402
from generators.sources import read_source  # noqa: E402
from generators.worksheet import make_request  # noqa: E402

imported = time.perf_counter()
source, out_dir = sys.argv[1], sys.argv[2]
request = make_request(source_text=read_source(source), source_name=source, levels=(2, 5, 8))
material = api.generate("worksheet", request, OfflineEngine())
generated = time.perf_counter()
documents = api.render(material)
rendered = time.perf_counter()
paths = api.write(documents, out_dir)
written = time.perf_counter()
print(
    json.dumps(
        {
            "imports": imported - started,
            "generate": generated - imported,
            "render": rendered - generated,
            "write": written - rendered,
            "documents": len(paths),
        }
    )
)
