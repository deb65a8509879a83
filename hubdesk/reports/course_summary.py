"""The term summary of parent learning: each course's take-up, completion and attendance, and the
same by the school(s) of the learners' children, for heads and the co-ordinator's monitoring."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from hubdesk.core.dates import spoken_day, spoken_span
from hubdesk.reports.pdf import build, para, styles, table, text
from hubdesk.services.learning import NO_SCHOOL, TermSummary


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.0f}%"


def write_course_summary(summary: TermSummary, path: Path | str) -> None:
    st = styles()
    period = (f"from {spoken_day(summary.start, weekday=False, year=True)} "
              f"to {spoken_day(summary.end, weekday=False, year=True)}")
    story: list[Flowable] = [
        para("Parent learning: term summary", st.title),
        para(f"Courses running {period}.", st.body),
        Spacer(0, 2 * mm),
        Paragraph(f"<b>{summary.learners}</b> adults took <b>{summary.enrolled}</b> course places; "
                  f"<b>{summary.completed}</b> completed. Attendance: "
                  f"<b>{percent(summary.attendance_rate)}</b> of marked sessions.", st.body),
        Spacer(0, 4 * mm),
        para("Courses", st.heading),
    ]
    if summary.courses:
        head = styles(7.5).cell_bold
        rows: list[list[object]] = [[para(h, head) for h in (
            "Course", "Dates", "Enrolled", "Completed", "Withdrawn", "Waiting", "Attendance")]]
        for c in summary.courses:
            course = Paragraph(f"<b>{text(c.title)}</b><br/>{text(c.kind)} · {text(c.site)}",
                               st.cell)
            rows.append([course, para(spoken_span(c.start_date, c.end_date), st.cell),
                         c.enrolled, c.completed, c.withdrawn, c.waiting,
                         percent(c.attendance_rate)])
        courses = table(rows, [64 * mm, 30 * mm, 16 * mm, 19 * mm, 19 * mm, 15 * mm, 20 * mm],
                        extra=[("ALIGN", (2, 1), (-1, -1), "RIGHT")])
        courses.hAlign = "LEFT"
        story.append(courses)
    else:
        story.append(para("No courses ran in this period.", st.body))
    story += [Spacer(0, 6 * mm), para("By school of the learners' children", st.heading),
              para("An adult with children at two schools is counted at both. "
                   f"'{NO_SCHOOL}': adults with no child on a cluster school roll.", st.small),
              Spacer(0, 2 * mm)]
    if summary.schools:
        rows = [[para(h, st.cell_bold) for h in (
            "School", "Adults", "Places", "Completed", "Attendance")]]
        for school in summary.schools:
            rows.append([para(school.school, st.cell), school.learners, school.enrolments,
                         school.completed, percent(school.attendance_rate)])
        schools = table(rows, [80 * mm, 22 * mm, 28 * mm, 24 * mm, 24 * mm],
                        extra=[("ALIGN", (1, 1), (-1, -1), "RIGHT")])
        schools.hAlign = "LEFT"
        story.append(schools)
    else:
        story.append(para("No learners in this period.", st.body))
    build(path, story, title="Parent learning: term summary", footer=f"Parent learning {period}",
          running_header="Parent learning · term summary")
