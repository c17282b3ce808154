"""Writers that turn records back into a published layout (frus-text)."""
