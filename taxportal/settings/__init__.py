"""Settings, read from the environment in `base`; `dev`, `test` and `production` adjust it."""
