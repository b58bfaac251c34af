"""Teams: coaches, invitations, the team's whole-brain map, pairs and guidance."""
