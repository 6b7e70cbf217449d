"""KERN UX's Fira Sans cut down to the characters our pages use, at install time (`make install`).

The package ships each face with every glyph it has (Greek, Cyrillic, ...): about 130 KB each. Our pages are
German and English, with names from across Europe, so Latin with its first extension and the usual punctuation
suffice; without the layout features and the hinting no page uses, about 15 KB each. The subsets are derived
from the installed package into build/fonts/ (not committed); a character outside them falls back to the
system's sans-serif.

    .venv/bin/python scripts/subset_fonts.py [NODE_MODULES] [OUTPUT]
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from fontTools import subset

PROJECT = Path(__file__).resolve().parent.parent
FACES = ("FiraSans-Regular", "FiraSans-SemiBold")  # the two weights site.css declares
UNICODES = "U+0000-017F,U+0192,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC,U+2122,U+2190-2193,U+2212,U+2215"


def main(node_modules: Path, output: Path) -> None:
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # notes on the font's old table versions
    source = node_modules / "@kern-ux" / "native" / "dist" / "fonts" / "fira-sans"
    output.mkdir(parents=True, exist_ok=True)
    options = subset.Options()
    options.flavor = "woff2"
    # fontTools' default features (kerning, ligatures, accents) and the tabular figures of our numeric columns;
    # not the others the font has (old-style figures, small capitals, ...), which no page asks for.
    options.layout_features = [*options.layout_features, "tnum"]
    # No hinting instructions: phones and Macs ignore them and draw the outlines at their own high resolution.
    options.hinting = False
    for face in FACES:
        font = subset.load_font(str(source / f"{face}.woff2"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
        subsetter.subset(font)
        target = output / f"{face}.woff2"
        subset.save_font(font, str(target), options)
        print(f"{target}: {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main(
        Path(arguments[0]) if arguments else PROJECT / "node_modules",
        Path(arguments[1]) if len(arguments) > 1 else PROJECT / "build" / "fonts",
    )
