"""Layout 4: the seed's plain-text layout (`003_…txt`), one file per volume.

Written by the project's own exporter, `cablegram.export.frus_text`, which follows the seed.
"""

from __future__ import annotations

import io

from cablegram.export.frus_text import write_frus_text
from cablegram.record import Collection, Record

LAYOUT = "frus-text"


def render(collection: Collection, records: list[Record]) -> list[tuple[str, str]]:
    out = io.StringIO()
    write_frus_text(collection, records, out)
    return [(f"{collection.id}.txt", out.getvalue())]
