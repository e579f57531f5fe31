"""Self-contained blocks of ``millejours.settings``, one module each, star-imported by it
(every upper-case name of a module becomes a setting)."""
