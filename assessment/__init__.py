"""The whole-brain questionnaire, its scoring and the profile report."""
