-- The narrow search row of each document, as migrations/002_fts.sql defines it (no FTS
-- tables: search runs in the tantivy index beside each reader, filled from these rows).
CREATE TABLE search_docs (
    rowid           BIGINT PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE,
    collection      TEXT NOT NULL,
    doc_type        TEXT,
    classification  TEXT,
    sender          TEXT,
    recipient       TEXT,
    place           TEXT,
    number          TEXT,
    telegram_number TEXT,
    year            INTEGER,
    date_lo         TEXT,
    date_hi         TEXT,
    has_redaction   INTEGER NOT NULL,
    has_footnote    INTEGER NOT NULL
);
CREATE INDEX search_docs_collection ON search_docs(collection);

CREATE VIEW search_docs_rows AS
SELECT rowid, collection, doc_type, classification, sender, recipient, place, number,
       telegram_number, year,
       coalesce(date, date_not_before, date_not_after) AS date_lo,
       coalesce(date, date_not_after, date_not_before) AS date_hi,
       has_redaction, has_footnote
FROM documents;
