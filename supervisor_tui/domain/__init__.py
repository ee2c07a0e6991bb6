"""The rules of the three routines: pure, taking `today`, knowing no file and no screen."""
