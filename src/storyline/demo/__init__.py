"""The built-in demo corpus: fictional articles in mixed formats, written for storyline."""
