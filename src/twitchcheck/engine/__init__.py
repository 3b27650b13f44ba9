"""Engine layer: evidence → posterior over causes, with an additive explanation. Pure, no I/O."""
