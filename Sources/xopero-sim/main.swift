print("xopero-sim")
