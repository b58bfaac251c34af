"""Reps: key accounts, buyer contacts, estimated profiles, briefs, pitch checks, meetings."""
