"""The one engine: a ``Plan`` (``plan``) runs as shard tasks (``worker``) on an executor (``executor``), waves and
barriers decided by the driver (``driver``); ``artefacts`` assembles the result folder, ``publish`` makes it appear
atomically, ``run`` ties it together for a build or a stage command."""
