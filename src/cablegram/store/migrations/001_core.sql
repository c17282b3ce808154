-- The core schema: collections, their source files, documents, front-matter lists, ingest log.
CREATE TABLE collections (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL DEFAULT '',
    format      TEXT NOT NULL DEFAULT '',
    meta        TEXT NOT NULL DEFAULT '{}',   -- JSON: series, volume number, editors, year...
    doc_count   INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL
);

-- One row per input file ingested; sha256 of its bytes makes a re-ingest a no-op.
CREATE TABLE sources (
    path        TEXT PRIMARY KEY,
    sha256      TEXT NOT NULL,
    collection  TEXT NOT NULL,
    format      TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX sources_sha256 ON sources(sha256);

CREATE TABLE documents (
    rowid           INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    collection      TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,            -- order within the collection
    number          TEXT,
    title           TEXT NOT NULL DEFAULT '',
    doc_type        TEXT,
    sender          TEXT,
    recipient       TEXT,
    place           TEXT,
    date            TEXT,                        -- YYYY-MM-DD
    time            TEXT,                        -- HH:MM
    date_not_before TEXT,
    date_not_after  TEXT,
    year            INTEGER,                     -- from date, else date_not_before
    classification  TEXT,
    telegram_number TEXT,
    source_note     TEXT,
    text            TEXT NOT NULL DEFAULT '',
    has_redaction   INTEGER NOT NULL DEFAULT 0,
    has_footnote    INTEGER NOT NULL DEFAULT 0,
    record          TEXT NOT NULL                -- the whole record as JSON (Record.to_dict)
);
CREATE INDEX documents_collection ON documents(collection, seq);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_year ON documents(year);
CREATE INDEX documents_doc_type ON documents(doc_type);
CREATE INDEX documents_classification ON documents(classification);
CREATE INDEX documents_sender ON documents(sender);
CREATE INDEX documents_recipient ON documents(recipient);

CREATE TABLE persons (
    collection  TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    xml_id      TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT,
    PRIMARY KEY (collection, xml_id)
);

CREATE TABLE terms (
    collection  TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    xml_id      TEXT NOT NULL,
    term        TEXT NOT NULL,
    description TEXT,
    PRIMARY KEY (collection, xml_id)
);

-- Every ingest attempt and what came of it, failures included.
CREATE TABLE ingest_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    path       TEXT NOT NULL,
    status     TEXT NOT NULL,                   -- ingested | unchanged | replaced | failed
    collection TEXT,
    documents  INTEGER NOT NULL DEFAULT 0,
    warnings   TEXT NOT NULL DEFAULT '[]',      -- JSON list
    error      TEXT
);
