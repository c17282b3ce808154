"""Day by day and message by message: chronology, network, references, gaps, digests."""
