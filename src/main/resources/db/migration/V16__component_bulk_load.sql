-- A foreign key is checked by a trigger queued for every inserted row: on a 1,000,000-row COPY that alone costs about
-- as much as the COPY itself. Components are only ever written for the caller's own jurisdiction (checked by the
-- application), and jurisdictions are never deleted, so the constraint is dropped for bulk-load speed.
alter table component drop constraint if exists component_jurisdiction_id_fkey;
