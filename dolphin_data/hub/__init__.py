"""Hugging Face in and out: inputs (Hub ids, ``save_to_disk`` and data folders, ``datasets`` objects) resolved to
files the engine reads (``inputs``); the dataset card every build writes (``card``); ``push`` of a build (``push``)."""
