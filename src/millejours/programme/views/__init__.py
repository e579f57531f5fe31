"""Pages of the programme, one module per sub-domain; thin, each starting with its access
helper."""
