"""Pages of the family pathway, one module per sub-domain. Thin views: access first, writes in
``services``, reads in ``selectors``."""
