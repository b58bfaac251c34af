"""Users: sign-up, log-in, log-out and the language setting."""
