-- A probe's scope (issue 22): the courses its course measures are computed from, when the
-- manager chose some; none means every course of the team. Only the team's own courses are
-- linked. A probe's run chart still shows a point only from 5 young people.
CREATE TABLE probe_courses (
    probe_id   TEXT NOT NULL REFERENCES probes (id),
    course_id  TEXT NOT NULL REFERENCES courses (id),
    PRIMARY KEY (probe_id, course_id)
){strict};
