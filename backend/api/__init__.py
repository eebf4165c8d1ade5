"""GraphQL layer (Strawberry): parses input, calls services, shapes output."""
