"""One module per family (or small group), each registering its model with `@family_model`."""
