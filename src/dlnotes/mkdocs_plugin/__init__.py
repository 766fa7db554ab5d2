"""The MkDocs edge of dlnotes: a thin plugin over the model and the pages module."""
