"""Moving an organization in and out: the versioned JSON document, export, import, backup."""
