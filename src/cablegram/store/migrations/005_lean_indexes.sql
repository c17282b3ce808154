-- Fewer indexes to write at every ingest (measured on the 92-volume corpus: ~15% less CPU
-- to store the documents and their person links).

-- The documents' sender, recipient and classification indexes served the FTS5 search of
-- migration 002; the search index and search_docs (003) took its place: no query reads them.
DROP INDEX documents_sender;
DROP INDEX documents_recipient;
DROP INDEX documents_classification;

-- A collection's person links are found through its documents (documents_collection, then
-- person_docs_doc), not through a second index of every link.
DROP INDEX person_docs_collection;
