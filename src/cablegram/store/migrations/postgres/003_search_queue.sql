-- Marks for the search index, as migrations/003_search_queue.sql: a collection whose
-- documents changed, with a number that only grows, written in the same transaction.
-- PostgresStore takes an advisory lock before it draws a mark and holds it to the commit, so
-- marks become visible in the order of their numbers (a reader never skips one).
CREATE TABLE search_queue (
    collection TEXT PRIMARY KEY,
    seq        BIGINT NOT NULL
);
CREATE INDEX search_queue_seq ON search_queue(seq);

CREATE TABLE search_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO search_state VALUES ('archive', md5(random()::text || clock_timestamp()::text));

-- Marks a collection; the lock (PostgresStore._MARK_LOCK = 0x63610002) is held to the commit.
CREATE FUNCTION cablegram_mark(cols text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE c text;
BEGIN
    PERFORM pg_advisory_xact_lock(1667301378);
    FOREACH c IN ARRAY cols LOOP
        INSERT INTO search_queue (collection, seq)
        VALUES (c, (SELECT coalesce(max(seq), 0) + 1 FROM search_queue))
        ON CONFLICT (collection) DO UPDATE SET seq = excluded.seq;
    END LOOP;
END $$;

-- Deletes and updates made by hand (or by another tool) keep the search rows and marks in
-- step, as SQLite's triggers do. The store's own writes mark at their end instead
-- (cablegram.store_marks = on): a mark drawn early would hold the mark lock for the whole
-- volume and serialise parallel ingests.
CREATE FUNCTION cablegram_documents_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('cablegram.store_marks', true), '') <> 'on' THEN
        PERFORM cablegram_mark(ARRAY(SELECT DISTINCT collection FROM old_rows));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER documents_search_ad AFTER DELETE ON documents
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION cablegram_documents_deleted();

CREATE FUNCTION cablegram_documents_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_docs WHERE rowid IN (SELECT rowid FROM old_rows);
    INSERT INTO search_docs SELECT * FROM search_docs_rows
    WHERE rowid IN (SELECT rowid FROM new_rows);
    IF coalesce(current_setting('cablegram.store_marks', true), '') <> 'on' THEN
        PERFORM cablegram_mark(ARRAY(SELECT collection FROM old_rows
                                     UNION SELECT collection FROM new_rows));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER documents_search_au AFTER UPDATE ON documents
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION cablegram_documents_updated();
