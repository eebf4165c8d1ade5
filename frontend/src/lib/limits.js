// The server's text limits (backend/domain/validation.py LIMITS, and the meeting's notes and
// decision limits in backend/domain/meetings.py), in characters; tests/unit/test_limits_mirror.py
// keeps the two equal.
export const LIMITS = {
  title: 200,
  description: 5000,
  note: 2000,
  unit: 20,
  name: 100,
  displayName: 80,
  comment: 5000,
  reason: 500,
  meetingNotes: 20000,
  decision: 1000,
};
