-- Barnets lov calls support for 18–22-year-olds "ungestøtte" (§§ 113-116); "efterværn" was the
-- old word of the Social Services Act (servicelovens § 76). The organizations' lists of legal
-- bases and the courses that chose it follow; new organizations get the list from
-- `settings::DEFAULT_LEGAL_BASES`.
UPDATE organizations SET legal_bases = replace(legal_bases, '§ 114 Efterværn', '§ 114 Ungestøtte');
UPDATE courses SET legal_basis = '§ 114 Ungestøtte' WHERE legal_basis = '§ 114 Efterværn';
