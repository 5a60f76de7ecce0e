"""What a member shares with the partner right now, in one overview, and stopping all of it in one step."""
