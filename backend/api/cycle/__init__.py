"""The cycle as the method runs it: phases, consensus, scoring, peer review, likes, lessons,
carry-forward (DESIGN §3, §5b)."""
