-- The review a video case was accepted from, found by its case (the case page and every operation's answer on a
-- video case): without this index each look-up read the whole review queue, which video analytics fill by the
-- thousand.
create index if not exists intake_review_case on intake_review(case_id) where case_id is not null;
