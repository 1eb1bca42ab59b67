// Preloaded into a timed child (node --import ./bench/cpu-time.js ...): at exit,
// prints the process's CPU time (user + system, all its threads) to stderr as
// `mlmages-bench-cpu SECONDS`. On a machine shared with other work, CPU time
// moves far less than wall time with the others' load.
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`mlmages-bench-cpu ${(user + system) / 1e6}\n`);
});
