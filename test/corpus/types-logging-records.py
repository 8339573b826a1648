import logging

record = logging.LogRecord("bridge.plugin", logging.WARNING, "/src/plugin/TypeMapping.cpp", 42,
                           "checked %d stubs in %.1f ms", (200, 12.5), None)
print(f"{record.name} {record.levelname} ({record.levelno}) {record.module}:{record.lineno}")
print(f"message: {record.getMessage()}")
record.levelname = "NOTICE"
formatter = logging.Formatter("%(levelname)s %(name)s: %(message)s")
print(formatter.format(record))
logger = logging.getLogger("bridge.types")
logger.setLevel(logging.DEBUG)
print(f"{logger.name} level {logger.getEffectiveLevel()} "
      f"({logging.getLevelName(logger.getEffectiveLevel())}), debug enabled "
      f"{1 if logger.isEnabledFor(logging.DEBUG) else 0}")
