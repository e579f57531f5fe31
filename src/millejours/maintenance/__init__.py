"""Maintenance of a running platform: encrypted backups and restores, retention purges."""
