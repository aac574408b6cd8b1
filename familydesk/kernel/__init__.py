"""What every layer uses: the clock (more moves here as the house is regrouped)."""
