// One Logger that hands every entry to several (the log file and stderr).
import type { Logger } from "../ports";

export function teeLogger(...loggers: Logger[]): Logger {
  return {
    log(level, message, fields) {
      for (const logger of loggers) logger.log(level, message, fields);
    },
  };
}
