/**
 * Signals a whole process group. Commands start detached, as leaders of their own
 * group, so a timeout or an abort reaches the grandchildren a test runner or a
 * shell started, not only the shell.
 */

/** Sends `signal` to the group led by `pid`; a group that is already gone is fine. */
export function signalProcessGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: every process of the group has exited.
  }
}
