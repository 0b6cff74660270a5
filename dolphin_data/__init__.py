"""dolphin-data: rebuild the training-data mix of an uncensored chat model, reproducibly and explainably."""

__version__ = "0.1.0"
