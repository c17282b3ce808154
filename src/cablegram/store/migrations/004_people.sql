-- People: the authorities (people register, pocom) and the links of documents to persons.

-- One row per authority folder kind ('people', 'pocom') the stored authorities were loaded
-- from: the folder and its signature (SHA-256 over its files' paths, sizes and times), so
-- that ingesting an unchanged folder again is a no-op.
CREATE TABLE authority_sources (
    kind        TEXT PRIMARY KEY,
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);

-- The loaded authorities as the linker reads them (`Authorities.to_json`), one row 'current';
-- `stamp` names this content: a collection linked with another stamp is linked again.
CREATE TABLE authorities (
    key   TEXT PRIMARY KEY,
    stamp TEXT NOT NULL,
    data  TEXT NOT NULL
);

-- The register's persons, for lookups by id and by name (`person:Kuznetsov`, `cablegram person`).
CREATE TABLE register_persons (
    id     TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    names  TEXT NOT NULL DEFAULT '[]',      -- JSON list: every name the register knows
    birth  INTEGER,                      -- year
    death  INTEGER
);
-- Every word of every name, folded (lower case, no accents): a name looks up its ids here.
CREATE TABLE register_words (
    word      TEXT NOT NULL,
    person_id TEXT NOT NULL,
    PRIMARY KEY (word, person_id)
) WITHOUT ROWID;

-- Appointments from pocom (and the register's roles), with their dates.
CREATE TABLE appointments (
    person_id TEXT,
    pocom_id  TEXT,
    name      TEXT NOT NULL,
    role      TEXT NOT NULL,
    post      TEXT,
    start     TEXT,
    end       TEXT
);
CREATE INDEX appointments_person ON appointments(person_id);

-- The authorities stamp each collection's records were linked with; NULL: never linked.
ALTER TABLE collections ADD COLUMN linked_with TEXT;

-- Person -> document: each register id linked in a document, and how the person takes part.
-- role: sender | recipient | mentioned (neither sender nor recipient).
CREATE TABLE person_docs (
    person_id  TEXT NOT NULL,
    doc        INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    collection TEXT NOT NULL,
    how        TEXT NOT NULL,
    role       TEXT NOT NULL,
    PRIMARY KEY (person_id, doc, role)
);
CREATE INDEX person_docs_doc ON person_docs(doc);
CREATE INDEX person_docs_collection ON person_docs(collection);
