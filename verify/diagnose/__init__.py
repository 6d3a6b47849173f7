"""A refuted link diagnosed: a workbench, then one module per search, tried in the order SEARCHES gives."""
