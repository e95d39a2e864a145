"""Commands around the build: `blog check` (links), `blog new` (a post), `blog init` (a site)."""
