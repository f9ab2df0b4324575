-- Organizations are the tenants of an installation (e.g. one municipality's social services
-- administration). Every other table will reference one, and every query filters on it.
-- Ids are UUIDv7 as text on both backends so that one query text serves both.
CREATE TABLE organizations (
    id          TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  {timestamp} NOT NULL
){strict};

CREATE UNIQUE INDEX organizations_name ON organizations (name);
