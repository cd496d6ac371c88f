"""news-digest: newspaper page dumps in, a fast searchable static news site out."""
