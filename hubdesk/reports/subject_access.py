"""The answer to a subject access request: one zip holding every record as JSON and a readable PDF.

The zip is written to a temporary file beside the target, readable by its owner only (0600), and
renamed into place when complete, so a half-written export never carries the final name.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from hubdesk.core.clock import to_local
from hubdesk.reports.pdf import Styles, build, styles, table, text
from hubdesk.services.admin import PersonRecords, Section

LABELS = {"child": "child", "carer": "carer"}
HIDDEN = {"search_key", "sort_key", "row_version"}  # the program's own bookkeeping, not about anyone


def write_person_zip(records: PersonRecords, target: Path) -> Path:
    """Write ``target`` (a .zip) holding ``records.json`` and ``records.pdf``; returns the path."""
    target = target.expanduser()
    if target.suffix.lower() != ".zip":
        target = target.with_name(target.name + ".zip")
    data = json.dumps(records.as_json(), ensure_ascii=False, indent=1, default=str)
    partial = target.with_name(f".{target.name}.part")
    pdf = target.with_name(f".{target.name}.pdf.part")
    try:
        os.close(os.open(pdf, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        write_person_pdf(records, pdf)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
            stamp = to_local(records.made_at).timetuple()[:6]
            zf.writestr(zipfile.ZipInfo("records.json", stamp), data, zipfile.ZIP_DEFLATED)
            zf.write(pdf, "records.pdf")
        os.chmod(partial, 0o600)  # an existing leftover keeps its mode through os.open
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        pdf.unlink(missing_ok=True)
    return target


def write_person_pdf(records: PersonRecords, out: Path) -> None:
    st = styles(8)
    made = to_local(records.made_at)
    story: list[Flowable] = [
        Paragraph(text(f"Everything held about {records.name}"), st.title),
        Paragraph(text(f"The records hubdesk holds about this {LABELS[records.kind]} (number "
                       f"{records.person_id}), read on {made:%d/%m/%Y at %H:%M}: "
                       f"{records.total} records in {len(records.sections)} tables. Empty fields "
                       "are left out here; records.json beside this file holds every field. Moments "
                       "(signed in at, changed at) are in UTC, an hour behind British Summer Time."),
                  st.body),
        Spacer(1, 4 * mm),
    ]
    for section in records.sections:
        story += _section(section, st)
    build(out, story, title=f"Records about {records.name}",
          footer=f"Subject access · {records.name}", running_header=f"Records about {records.name}")


def _section(section: Section, st: Styles) -> list[Flowable]:
    heading, cell = st.heading, st.cell
    title = section.table.replace("_", " ")
    count = len(section.rows)
    parts: list[Flowable] = [Paragraph(text(f"{title[:1].upper()}{title[1:]} — "
                                            f"{count or 'no'} record{'' if count == 1 else 's'}"),
                                       heading)]
    if not section.rows:
        return parts
    lines = []
    for row in section.rows:
        shown = [f"<b>{text(c.replace('_', ' '))}</b>: {text(_value(v))}"
                 for c, v in zip(section.columns, row, strict=True)
                 if v not in (None, "") and c not in HIDDEN]
        lines.append([Paragraph(" · ".join(shown), cell)])
    parts.append(table(lines, [186 * mm], header_rows=0))
    return parts


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value.isoformat() if hasattr(value, "isoformat") else value)
