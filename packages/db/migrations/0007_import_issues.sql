-- Every problem an import found, not only the first thousand the report's JSON lists: a
-- million-row file can carry hundreds of thousands of warnings, and the downloadable report
-- must hold them all. Written once, with the import's report, in the transaction that
-- finishes the import; never changed after.

create table inventory_import_issues (
  import_id uuid not null references inventory_imports (id),
  -- 1, 2, 3… in the order validation found them, errors and warnings alike.
  seq integer not null check (seq > 0),
  severity text not null check (severity in ('error', 'warning')),
  -- The warning kind (docs/import-format.md); errors have none.
  kind text check ((severity = 'warning') = (kind is not null)),
  file text not null,
  "row" integer,
  "column" text,
  message text not null,
  primary key (import_id, seq)
);
-- The report page filters by severity or by warning kind, and pages in seq order.
create index inventory_import_issues_severity_idx on inventory_import_issues (import_id, severity, seq);
create index inventory_import_issues_kind_idx on inventory_import_issues (import_id, kind, seq)
  where kind is not null;

grant select, insert on inventory_import_issues to attest_app;
