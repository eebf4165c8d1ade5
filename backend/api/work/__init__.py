"""Tasks, comments with @mentions, notifications and the activity feed."""
