-- Probes measured in the courses (issue 22): who chaired a meeting ('processor', 'together',
-- 'young_person', 'network'; NULL for meetings recorded before it was asked, which the measure
-- of meetings chaired by the young person leaves out rather than counting as the processor's),
-- and the course measures a probe's success and failure signals are followed by (a
-- `CourseMeasure` keyword, NULL when the signal is followed in words only).
ALTER TABLE meetings ADD COLUMN chaired_by TEXT;
ALTER TABLE probes ADD COLUMN success_measure TEXT;
ALTER TABLE probes ADD COLUMN failure_measure TEXT;
