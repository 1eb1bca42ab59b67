// The --schedule option of cluster and run.
import { SCHEDULES, type Schedule } from "../core/cluster/schedule.js";
import { UsageError } from "./args.js";

/** The schedule named by --schedule (UsageError for any other name). */
export function scheduleOption(value: string): Schedule {
  if (!(SCHEDULES as readonly string[]).includes(value)) throw new UsageError(`--schedule is ${SCHEDULES.join(" or ")}, not '${value}'`);
  return value as Schedule;
}
