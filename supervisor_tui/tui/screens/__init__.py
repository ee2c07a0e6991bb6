"""One module per screen; each screen's CSS sits beside it in a .tcss file."""
