-- Search: two FTS5 indexes over documents, and a narrow table of the filter and facet columns.
-- All three change in the same transaction as the documents (SqliteStore._put, triggers).

-- External content: the text lives once, in documents; the indexes hold only postings.
-- unicode61 with remove_diacritics 2 folds case and accents ("Khrushchëv" = "khrushchev");
-- no stemming, since historians search for the word they typed. No prefix index: measured,
-- prefix='2 3' nearly doubled the indexing cost of every ingest and only sped up counting
-- 2- and 3-letter prefixes (see docs/search.md).
-- Words and phrases: the title (the heading; weighted above the body in search/sql.py) and text.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text,
    content = 'documents', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- from:, to:, place:. A separate small index: a phrase such as "Embassy in the Soviet Union"
-- then reads the postings of "in" and "the" among senders only, not among every body text.
CREATE VIRTUAL TABLE fields_fts USING fts5(
    sender, recipient, place,
    content = 'documents', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The filter and facet columns in rows of ~100 bytes: a result set of 100,000 documents is
-- counted and faceted without touching the wide documents rows (text and JSON record).
-- date_lo/date_hi: the document's date, else its not-before/not-after range; a date filter
-- keeps a document when [date_lo, date_hi] lies within the range asked for.
CREATE TABLE search_docs (
    rowid           INTEGER PRIMARY KEY,         -- = documents.rowid
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
-- doc_type and classification have a handful of values each: indexed together with the date,
-- so that `type:telegram date:1962-10` is one index range (and, without ANALYZE statistics,
-- SQLite never prefers a bare low-selectivity index to a selective date range).
CREATE INDEX search_docs_date ON search_docs(date_lo, date_hi);
CREATE INDEX search_docs_doc_type ON search_docs(doc_type, date_lo, date_hi);
CREATE INDEX search_docs_classification ON search_docs(classification, date_lo, date_hi);
CREATE INDEX search_docs_collection ON search_docs(collection);
CREATE INDEX search_docs_number ON search_docs(number);
CREATE INDEX search_docs_telegram_number ON search_docs(telegram_number);

-- The search_docs row of each document, defined once: SqliteStore fills search_docs from it.
CREATE VIEW search_docs_rows AS
SELECT rowid, collection, doc_type, classification, sender, recipient, place, number,
       telegram_number, year,
       coalesce(date, date_not_before, date_not_after) AS date_lo,
       coalesce(date, date_not_after, date_not_before) AS date_hi,
       has_redaction, has_footnote
FROM documents;

-- No AFTER INSERT trigger: SqliteStore._put indexes a collection's new documents itself, with
-- three INSERT ... SELECT statements in the same transaction as the documents. A per-row
-- trigger runs each FTS5 insert inside a statement savepoint, and FTS5 flushes its pending
-- terms to a new segment at every savepoint: one segment per document, then merged again.
-- Measured on the 92-volume corpus: indexing took ~21 s of CPU by trigger, ~7 s by statement.
-- Whatever else inserts into documents must index them the same way (index_collection).
-- Deletes and updates are rare and row by row: triggers keep them in step.
CREATE TRIGGER documents_search_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO fields_fts (fields_fts, rowid, sender, recipient, place)
    VALUES ('delete', old.rowid, old.sender, old.recipient, old.place);
    DELETE FROM search_docs WHERE rowid = old.rowid;
END;

CREATE TRIGGER documents_search_au AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO fields_fts (fields_fts, rowid, sender, recipient, place)
    VALUES ('delete', old.rowid, old.sender, old.recipient, old.place);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    INSERT INTO fields_fts (rowid, sender, recipient, place)
    VALUES (new.rowid, new.sender, new.recipient, new.place);
    DELETE FROM search_docs WHERE rowid = old.rowid;
    INSERT INTO search_docs VALUES (
        new.rowid, new.collection, new.doc_type, new.classification, new.sender,
        new.recipient, new.place, new.number, new.telegram_number, new.year,
        coalesce(new.date, new.date_not_before, new.date_not_after),
        coalesce(new.date, new.date_not_after, new.date_not_before),
        new.has_redaction, new.has_footnote);
END;

-- An archive made before this migration gets its documents indexed now.
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
INSERT INTO fields_fts (fields_fts) VALUES ('rebuild');
INSERT INTO search_docs SELECT * FROM search_docs_rows;
