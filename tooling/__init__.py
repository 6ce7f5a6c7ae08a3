"""Staff tooling behind tasks.py that is not part of the build: scaffolding, the preview server's reload."""
