"""The link checker: filter, per-host pool, HTTP probe, cache and policy over the model's URLs."""
