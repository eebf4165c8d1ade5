"""The managers' dashboard: figures of a cycle with drill-downs, and their CSV export."""
