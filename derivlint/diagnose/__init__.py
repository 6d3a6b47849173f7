"""A refuted link diagnosed: a workbench, then one module per search in searches/, tried in policy.SEARCHES order."""
