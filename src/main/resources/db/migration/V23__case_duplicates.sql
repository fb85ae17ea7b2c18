-- Duplicate suggestions look for cases of the same category near a point: category first, then a latitude band.
create index case_file_category_lat on case_file(jurisdiction_id, category_kind, category_code, lat);
