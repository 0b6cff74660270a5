"""Benchmark decontamination: drop training records that contain benchmark items (see ``docs/stages.md``).

``ngrams`` (normalisation, unit and n-gram hashing over columns), ``index`` (building, writing and memory-mapping
the benchmark index), ``sources`` (benchmark files and the bundled benchmarks), ``match`` (texts -> hits -> the
best item per record), ``stage`` (the ``decontaminate`` stage), ``report`` (bounded per-source summary, report).
"""
