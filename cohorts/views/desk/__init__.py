"""The secretariat's cohort desk: the cohorts and their teams, planning sessions, and one
session's page with its attendance, material, feedback and cancellation."""
