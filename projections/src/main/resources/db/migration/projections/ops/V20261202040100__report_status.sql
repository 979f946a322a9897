-- Operator decisions, not projected from the log: a rebuild of the reports projection leaves them alone.
CREATE TABLE report_status (
    report_id  uuid        PRIMARY KEY,
    status     text        NOT NULL CHECK (status IN ('new', 'triaged', 'closed')),
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL
);
CREATE INDEX report_status_by_status ON report_status (status);
