"""What admins run the organization with, and the e-mailed account links: invitations, the
join link, password resets, the organization's activity log."""
