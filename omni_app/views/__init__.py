"""Page sections bound to a state (the app frame, the conversation list, the API keys card),
apart from the generic, state-free pieces in components/."""
