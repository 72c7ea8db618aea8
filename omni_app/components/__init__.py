"""Generic pieces with no state of their own (message bubbles, native forms, live refresh);
sections bound to a state live in views/."""
