"""Single sign-on: the admins' settings (GraphQL) and the sign-in redirects (plain HTTP)."""
