-- The history tables (cablegram.history): derived from documents, rebuilt whole when the
-- documents change (the search_queue mark says when). Not a numbered migration: like the
-- search index, they can always be dropped and made again, so they need no schema version
-- and cannot collide with another branch's migration number.

-- One row per document, as the chronology and the network read it.
-- day: the date, else the range start, else a neighbour's date in the volume (inferred = 1).
CREATE TABLE IF NOT EXISTS history_docs (
    rowid           INTEGER PRIMARY KEY,          -- the order documents were read in
    id              TEXT NOT NULL,
    collection      TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    day             TEXT,
    time            TEXT,
    inferred        INTEGER NOT NULL,
    doc_type        TEXT,
    title           TEXT NOT NULL DEFAULT '',
    sender_node     TEXT,
    recipient_node  TEXT,
    telegram_number TEXT
);
-- The listing in time order; then covering indexes for the counts and the network, so that a
-- range of decades is counted from the index alone (measured: network p95 107 -> see
-- BENCHMARKS.md).
CREATE INDEX IF NOT EXISTS history_docs_day ON history_docs(day, time, collection, seq);
CREATE INDEX IF NOT EXISTS history_docs_counts
    ON history_docs(day, inferred, sender_node, recipient_node);
CREATE INDEX IF NOT EXISTS history_docs_collection_day
    ON history_docs(collection, day, inferred, sender_node, recipient_node);
CREATE INDEX IF NOT EXISTS history_docs_telegram ON history_docs(telegram_number);

-- Documents per month, collection, sender and recipient: a network by month or year over a
-- range of decades reads whole months here, and only its partial first and last months from
-- history_docs.
CREATE TABLE IF NOT EXISTS history_edges_month (
    month          TEXT NOT NULL,                 -- YYYY-MM
    collection     TEXT NOT NULL,
    sender_node    TEXT NOT NULL,
    recipient_node TEXT NOT NULL,
    documents      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS history_edges_month_month
    ON history_edges_month(month, sender_node, recipient_node, documents);
CREATE INDEX IF NOT EXISTS history_edges_month_collection
    ON history_edges_month(collection, month, sender_node, recipient_node, documents);
-- The same over every collection: a range of the whole corpus is then one index range scan
-- with nothing to group (measured: a 30-year network by month, 12,803 cells, 147 -> see
-- BENCHMARKS.md).
CREATE TABLE IF NOT EXISTS history_edges_month_all (
    month          TEXT NOT NULL,
    sender_node    TEXT NOT NULL,
    recipient_node TEXT NOT NULL,
    documents      INTEGER NOT NULL,
    PRIMARY KEY (month, sender_node, recipient_node)
) WITHOUT ROWID;

-- Sender and recipient persons of a document (Record.persons matched to its correspondents).
CREATE TABLE IF NOT EXISTS history_person_edges (
    rowid      INTEGER NOT NULL,                  -- = history_docs.rowid
    day        TEXT,
    collection TEXT NOT NULL,
    source     TEXT NOT NULL,
    target     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS history_person_edges_day ON history_person_edges(day);

-- Every reference found in a document, resolved or not, with why.
CREATE TABLE IF NOT EXISTS history_refs (
    src_id         TEXT NOT NULL,
    kind           TEXT NOT NULL,                 -- document | telegram
    text           TEXT NOT NULL,
    location       TEXT NOT NULL,                 -- text | footnote N | markup
    target_id      TEXT,
    status         TEXT NOT NULL,                 -- resolved | unresolved
    reason         TEXT,
    candidates     TEXT NOT NULL DEFAULT '[]',    -- JSON list of ids
    number         TEXT,
    sender_node    TEXT,
    recipient_node TEXT,
    date_lo        TEXT,
    date_hi        TEXT
);
CREATE INDEX IF NOT EXISTS history_refs_src ON history_refs(src_id);
CREATE INDEX IF NOT EXISTS history_refs_target ON history_refs(target_id);
CREATE INDEX IF NOT EXISTS history_refs_status ON history_refs(status, kind);

CREATE TABLE IF NOT EXISTS history_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
