-- People, as migrations/004_people.sql.
CREATE TABLE authority_sources (
    kind        TEXT PRIMARY KEY,
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE TABLE authorities (
    key   TEXT PRIMARY KEY,
    stamp TEXT NOT NULL,
    data  TEXT NOT NULL
);

CREATE TABLE register_persons (
    id     TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    names  TEXT NOT NULL DEFAULT '[]',
    birth  INTEGER,
    death  INTEGER
);
CREATE TABLE register_words (
    word      TEXT NOT NULL,
    person_id TEXT NOT NULL,
    PRIMARY KEY (word, person_id)
);

CREATE TABLE appointments (
    rowid     BIGINT GENERATED ALWAYS AS IDENTITY,
    person_id TEXT,
    pocom_id  TEXT,
    name      TEXT NOT NULL,
    role      TEXT NOT NULL,
    post      TEXT,
    start     TEXT,
    "end"     TEXT
);
CREATE INDEX appointments_person ON appointments(person_id);

ALTER TABLE collections ADD COLUMN linked_with TEXT;

CREATE TABLE person_docs (
    person_id  TEXT NOT NULL,
    doc        BIGINT NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    collection TEXT NOT NULL,
    how        TEXT NOT NULL,
    role       TEXT NOT NULL,
    PRIMARY KEY (person_id, doc, role)
);
CREATE INDEX person_docs_doc ON person_docs(doc);
CREATE INDEX person_docs_collection ON person_docs(collection);
