-- The history tables on PostgreSQL: store/history.sql with its types. Text is COLLATE "C"
-- so that it orders by code point, as in SQLite.
-- One row per document, as the chronology and the network read it.
-- day: the date, else the range start, else a neighbour's date in the volume (inferred = 1).
CREATE TABLE IF NOT EXISTS history_docs (
    rowid           BIGINT PRIMARY KEY,          -- the order documents were read in
    id              TEXT COLLATE "C" NOT NULL,
    collection      TEXT COLLATE "C" NOT NULL,
    seq             INTEGER NOT NULL,
    day             TEXT COLLATE "C",
    time            TEXT COLLATE "C",
    inferred        INTEGER NOT NULL,
    doc_type        TEXT COLLATE "C",
    title           TEXT COLLATE "C" NOT NULL DEFAULT '',
    sender_node     TEXT COLLATE "C",
    recipient_node  TEXT COLLATE "C",
    telegram_number TEXT COLLATE "C"
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
    month          TEXT COLLATE "C" NOT NULL,                 -- YYYY-MM
    collection     TEXT COLLATE "C" NOT NULL,
    sender_node    TEXT COLLATE "C" NOT NULL,
    recipient_node TEXT COLLATE "C" NOT NULL,
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
    month          TEXT COLLATE "C" NOT NULL,
    sender_node    TEXT COLLATE "C" NOT NULL,
    recipient_node TEXT COLLATE "C" NOT NULL,
    documents      INTEGER NOT NULL,
    PRIMARY KEY (month, sender_node, recipient_node)
);

-- Sender and recipient persons of a document (Record.persons matched to its correspondents).
CREATE TABLE IF NOT EXISTS history_person_edges (
    rowid      BIGINT NOT NULL,                  -- = history_docs.rowid
    day        TEXT COLLATE "C",
    collection TEXT COLLATE "C" NOT NULL,
    source     TEXT COLLATE "C" NOT NULL,
    target     TEXT COLLATE "C" NOT NULL
);
CREATE INDEX IF NOT EXISTS history_person_edges_day ON history_person_edges(day);

-- Every reference found in a document, resolved or not, with why.
CREATE TABLE IF NOT EXISTS history_refs (
    rowid          BIGINT GENERATED ALWAYS AS IDENTITY,
    src_id         TEXT COLLATE "C" NOT NULL,
    kind           TEXT COLLATE "C" NOT NULL,                 -- document | telegram
    text           TEXT COLLATE "C" NOT NULL,
    location       TEXT COLLATE "C" NOT NULL,                 -- text | footnote N | markup
    target_id      TEXT COLLATE "C",
    status         TEXT COLLATE "C" NOT NULL,                 -- resolved | unresolved
    reason         TEXT COLLATE "C",
    candidates     TEXT COLLATE "C" NOT NULL DEFAULT '[]',    -- JSON list of ids
    number         TEXT COLLATE "C",
    sender_node    TEXT COLLATE "C",
    recipient_node TEXT COLLATE "C",
    date_lo        TEXT COLLATE "C",
    date_hi        TEXT COLLATE "C"
);
CREATE INDEX IF NOT EXISTS history_refs_src ON history_refs(src_id);
CREATE INDEX IF NOT EXISTS history_refs_target ON history_refs(target_id);
CREATE INDEX IF NOT EXISTS history_refs_status ON history_refs(status, kind);

CREATE TABLE IF NOT EXISTS history_state (
    key   TEXT PRIMARY KEY,
    value TEXT COLLATE "C" NOT NULL
);
